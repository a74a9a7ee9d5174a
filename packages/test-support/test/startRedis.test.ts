import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, test } from 'vitest';
import { startRedis } from '../src/index.js';

/** Sends RESP commands to 127.0.0.1:port and gives the first reply line, or the connection error's code. */
function ask(port: number, ...commands: string[][]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('connect', () => {
      socket.write(
        commands
          .map((c) => `*${c.length}\r\n${c.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`)
          .join(''),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const lines = reply.split('\r\n');
      if (lines.length > commands.length) {
        socket.destroy();
        resolve(lines.slice(0, commands.length).join(' '));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startRedis', () => {
  test('runs redis-server on a free port (never 6379), stops and starts it on the same port, and cleans up', async () => {
    const redis = await startRedis();
    try {
      expect(redis.port).not.toBe(6379);
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await ask(redis.port, ['SET', 'k', 'v'], ['PING'])).toBe('+OK +PONG');
      const first = redis.pid as number;
      await redis.stop();
      expect(redis.pid).toBeUndefined();
      expect(alive(first)).toBe(false);
      expect(await ask(redis.port, ['PING'])).toBe('ECONNREFUSED');
      await redis.start();
      expect(await ask(redis.port, ['EXISTS', 'k'], ['PING'])).toBe(':0 +PONG'); // no persistence
      await redis.kill();
      expect(await ask(redis.port, ['PING'])).toBe('ECONNREFUSED');
      await redis.start();
      expect(await ask(redis.port, ['PING'])).toBe('+PONG');
    } finally {
      const pid = redis.pid as number;
      await redis.close();
      expect(alive(pid)).toBe(false);
      expect(existsSync(redis.dir)).toBe(false);
      await redis.close();
    }
  });

  test('asks for the password when given one, and puts it in the url', async () => {
    const redis = await startRedis({ password: 's3cret/é' });
    try {
      expect(redis.url).toBe(`redis://:${encodeURIComponent('s3cret/é')}@127.0.0.1:${redis.port}`);
      expect(await ask(redis.port, ['PING'])).toMatch(/^-NOAUTH/);
      expect(await ask(redis.port, ['AUTH', 's3cret/é'], ['PING'])).toBe('+OK +PONG');
    } finally {
      await redis.close();
    }
  });
});
