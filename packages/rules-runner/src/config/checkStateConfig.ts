import type { SourceDocument, SwitchboardError } from '@switchboard/core';
import type { DaemonConfig } from './DaemonConfig.js';

/**
 * What the schema cannot say about `state`: `dir` and `redis` are alternatives, a lease is renewed well
 * before it expires, Sentinel needs the primary's name, `ca` is for TLS. Each problem at its place.
 */
export function checkStateConfig(config: DaemonConfig, document: SourceDocument): SwitchboardError[] {
  const redis = config.state.redis;
  if (!redis) return [];
  const errors: SwitchboardError[] = [];
  const written = (document.value as { state?: { dir?: unknown } } | null)?.state;
  if (written?.dir !== undefined) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        'the config sets both `state.dir` and `state.redis`: keep `dir` for one daemon with its own embedded store, or `redis` for several daemons sharing one Redis',
        ['state', 'redis'],
        { key: true },
      ),
    );
  }
  const at = (...path: string[]) => ['state', 'redis', ...path];
  const url = URL.parse(redis.url);
  if (!url) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        '`state.redis.url` is not a URL: write redis://host:6379/0, or rediss://host:6380/0 for TLS',
        at('url'),
      ),
    );
  } else if (redis.ca !== undefined && url.protocol !== 'rediss:') {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        '`state.redis.ca` is the CA of a TLS connection: use a rediss:// URL with it',
        at('ca'),
        { key: true },
      ),
    );
  }
  const { ttlMs, renewEveryMs } = redis.lease;
  if (renewEveryMs * 2 > ttlMs) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        `\`state.redis.lease.renewEveryMs\` (${renewEveryMs}) must be at most half of \`ttlMs\` (${ttlMs}): a holder that misses one renewal would lose its lease (e.g. ttlMs: 3000, renewEveryMs: 1000)`,
        at('lease', 'renewEveryMs'),
      ),
    );
  }
  if (redis.sentinels && !redis.name) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        '`state.redis.sentinels` needs `name`: the name the sentinels know the primary by (e.g. mymaster)',
        at('sentinels'),
        { key: true },
      ),
    );
  }
  if (redis.name && !redis.sentinels) {
    errors.push(
      document.error(
        'SWB_SCHEMA',
        '`state.redis.name` is the primary of a Sentinel setup: list the `sentinels` too, or remove it',
        at('name'),
        { key: true },
      ),
    );
  }
  return errors;
}

/** The password in a Redis URL, as written and decoded: the redactor hides both in every log line. */
export function redisUrlSecrets(url: string): string[] {
  const parsed = URL.parse(url);
  if (!parsed?.password) return [];
  const decoded = safeDecode(parsed.password);
  return decoded === parsed.password ? [parsed.password] : [parsed.password, decoded];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
