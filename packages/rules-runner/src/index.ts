export { main } from './cli/main.js';
export { configSchema } from './config/configSchema.js';
export type { DaemonConfig } from './config/DaemonConfig.js';
export { loadConfig } from './config/loadConfig.js';
export { Daemon } from './daemon/Daemon.js';
export { prepare } from './daemon/prepare.js';
export { ruleTestSchema } from './testing/ruleTestSchema.js';
