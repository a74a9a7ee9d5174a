export { chromiumPath, launchChromium } from './launchChromium.js';
export { type DaemonProcess, type LogLine, rulesRunnerBin, spawnDaemon } from './spawnDaemon.js';
export { type RedisProcess, type StartRedisOptions, startRedis } from './startRedis.js';
export { type TempDir, tempDir } from './tempDir.js';
export { waitFor } from './waitFor.js';
