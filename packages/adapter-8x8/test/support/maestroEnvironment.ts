import {
  type DaemonProcess,
  launchChromium,
  spawnDaemon,
  type TempDir,
  tempDir,
  waitFor,
} from '@switchboard/test-support';
import type { Browser, Frame, Page } from 'playwright-core';
import type { BridgeStatus } from '../../src/bridge/DaemonLink.js';
import { MaestroEmulator } from '../../src/testing/MaestroEmulator.js';
import { createBridgeToken } from '../../src/transport/maestro/bridgeToken.js';
import { startCrm } from './crmServer.js';
import { startHostPage } from './hostPage.js';
import { packageDir } from './packageDir.js';

const secret = 'bridge-secret-for-the-browser-test';

/** One agent's CRM page with the bridge, and the Maestro emulator frame in it. */
export interface AgentPage {
  readonly page: Page;
  readonly maestroFrame: Frame;
  /** Posts a message from the Maestro emulator to the page (as the real iframe would). */
  emit(message: unknown): Promise<void>;
  /** The bridge's status as `onStatus` last reported it. */
  status(): Promise<BridgeStatus | undefined>;
  /** Waits until the bridge's status matches. */
  waitForStatus(
    what: string,
    check: (status: BridgeStatus) => boolean,
    timeoutMs?: number,
  ): Promise<BridgeStatus>;
  /** What the bridge reported through `onError`. */
  errors(): Promise<string[]>;
}

export interface MaestroEnvironment {
  readonly daemon: DaemonProcess;
  readonly maestro: MaestroEmulator;
  readonly crm: Awaited<ReturnType<typeof startCrm>>;
  openAgent(agentId: string): Promise<AgentPage>;
  /** SIGTERM (graceful) by default. */
  stopDaemon(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the daemon again on the same port. */
  startDaemon(): Promise<DaemonProcess>;
  close(): Promise<void>;
}

interface BridgePageWindow {
  bridge?: { ready: Promise<void> };
  bridgeStatus?: BridgeStatus;
  bridgeErrors?: string[];
  maestroEmulator?: { emit(message: unknown): boolean };
}

/**
 * The real daemon (`rules-runner start`) with an 8x8 instance `cc` (Maestro bridge only) and `rules`,
 * the Maestro emulator on its own origin, a CRM stand-in, the agents' CRM page on a third origin, and
 * Chromium. `${crm}` in the rules is the CRM's URL.
 */
export async function startMaestroEnvironment(
  rules: string,
  bridgeOptions: Readonly<Record<string, unknown>> = {},
): Promise<MaestroEnvironment> {
  const dir: TempDir = await tempDir('switchboard-8x8-maestro-');
  const maestro = await MaestroEmulator.start();
  const crm = await startCrm();
  let daemonUrl = '';
  const host = await startHostPage((agentId) => ({
    daemon: daemonUrl,
    token: createBridgeToken({ secret, agentId }),
    start: bridgeOptions,
  }));
  await dir.write('rules.yaml', rules.replaceAll('${crm}', crm.url));
  const writeConfig = (port: number) =>
    dir.write(
      'switchboard.yaml',
      `adapters:
  cc:
    use: ${packageDir}
    options:
      maestro:
        url: "${maestro.url}"
        allowedOrigins: [ "${host.origin}" ]
        secret: \${BRIDGE_SECRET}
        defaultCountry: US
rules: [ rules.yaml ]
server: { host: 127.0.0.1, port: ${port} }
log: { format: json, level: debug }
shutdown: { drainTimeout: 5000 }
`,
    );
  const spawn = async (port: number) =>
    spawnDaemon(await writeConfig(port), { cwd: dir.path, env: { BRIDGE_SECRET: secret } });
  let daemon: DaemonProcess | undefined = await spawn(0);
  daemonUrl = daemon.address ?? '';
  const port = Number(new URL(daemonUrl).port);
  const browser: Browser = await launchChromium();

  const openAgent = async (agentId: string): Promise<AgentPage> => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[${agentId}] page error: ${error.message}`));
    await page.goto(`${host.origin}/agent/${agentId}`);
    await page.waitForFunction(() => (globalThis as BridgePageWindow).bridge !== undefined);
    await page.evaluate(() => (globalThis as BridgePageWindow).bridge?.ready);
    const maestroFrame = await waitFor(
      () => page.frames().find((f) => f.url().startsWith(maestro.origin)),
      `the Maestro frame of ${agentId}`,
    );
    await maestroFrame.waitForFunction(() => (globalThis as BridgePageWindow).maestroEmulator !== undefined);
    const status = () => page.evaluate(() => (globalThis as BridgePageWindow).bridgeStatus);
    return {
      page,
      maestroFrame,
      emit: async (message) => {
        const posted = await maestroFrame.evaluate(
          (m) => (globalThis as BridgePageWindow).maestroEmulator?.emit(m),
          message,
        );
        if (!posted) throw new Error('the Maestro emulator did not post the message');
      },
      status,
      waitForStatus: (what, check, timeoutMs = 20_000) =>
        waitFor(
          async () => {
            const s = await status();
            return s && check(s) ? s : undefined;
          },
          `${agentId}'s bridge: ${what}`,
          timeoutMs,
        ),
      errors: async () => (await page.evaluate(() => (globalThis as BridgePageWindow).bridgeErrors)) ?? [],
    };
  };

  return {
    get daemon(): DaemonProcess {
      if (!daemon) throw new Error('the daemon is stopped');
      return daemon;
    },
    maestro,
    crm,
    openAgent,
    stopDaemon: async (signal = 'SIGTERM') => {
      await daemon?.stop(signal);
      daemon = undefined;
    },
    startDaemon: async () => {
      daemon = await spawn(port);
      return daemon;
    },
    close: async () => {
      await browser.close();
      await daemon?.stop();
      await Promise.all([maestro.close(), crm.close(), host.close()]);
      await dir.remove();
    },
  };
}
