import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
// `start` resolves only after shutdown; other commands end here. Exit explicitly so lingering
// handles (sockets of a stopped adapter) cannot keep the process alive.
process.exit(process.exitCode);
