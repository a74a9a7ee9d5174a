import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The socket.io browser client shipped with the socket.io server the daemon runs (`client-dist`), so the
 * inlined client always speaks the daemon's protocol version. The source map comment is removed.
 */
export function socketIoClientSource(): { source: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('socket.io/package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const file = join(dirname(packageJson), 'client-dist', 'socket.io.min.js');
  const source = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return { source, version };
}
