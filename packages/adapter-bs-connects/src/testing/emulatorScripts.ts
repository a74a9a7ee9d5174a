import { ConnectsTab } from './browser/ConnectsTab.js';
import { EmulatedIntegrationLibrary } from './browser/EmulatedIntegrationLibrary.js';
import { EmulatedRequests } from './browser/EmulatedRequests.js';
import { PrimaryTabLock } from './browser/PrimaryTabLock.js';
import { startHarnessPage } from './browser/startHarnessPage.js';

/** Where the harness serves the Custom Integration, next to the library like in Dynamics. */
export const integrationPath = '/WebResources/switchboard_bsconnects_bridge.html';
export const libraryPath = '/WebResources/cnx_connectsIntegrationLibrary.min.js';

const classes = `const EmulatedIntegrationLibrary = (${EmulatedIntegrationLibrary.toString()});
const EmulatedRequests = (${EmulatedRequests.toString()});
const PrimaryTabLock = (${PrimaryTabLock.toString()});
const ConnectsTab = (${ConnectsTab.toString()});
const emulatorClasses = { Library: EmulatedIntegrationLibrary, Requests: EmulatedRequests, Lock: PrimaryTabLock };`;

/** The harness page's script: the emulator classes and the page wiring. */
export function harnessScript(): string {
  return `"use strict";
${classes}
window.ConnectsTab = ConnectsTab;
(${startHarnessPage.toString()})(ConnectsTab, emulatorClasses, ${JSON.stringify(integrationPath)});
`;
}

/**
 * The stand-in for `cnx_connectsIntegrationLibrary.min.js`: in a harness tab's frame it takes the tab's
 * library; opened on its own it emulates a tab itself (agent from `?agentId=`).
 */
export function libraryScript(): string {
  return `"use strict";
(() => {
${classes}
let host;
try { host = window.parent !== window ? window.parent.connects : undefined; } catch { host = undefined; }
if (!host) {
  const agentId = new URLSearchParams(location.search).get('agentId') || 'standalone-agent';
  host = new ConnectsTab({ agent: { agentId, firstName: 'Standalone', lastName: 'Agent', extension: '1001' } }, emulatorClasses);
  window.connects = host;
}
window.ConnectsIntegrationLibrary = host.library().global();
})();
`;
}
