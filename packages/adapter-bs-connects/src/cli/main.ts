import { bridgeCommand } from './bridgeCommand.js';

/** `switchboard-bs-bridge`: writes the b+s Connects bridge web resource. */
process.exitCode = await bridgeCommand(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
