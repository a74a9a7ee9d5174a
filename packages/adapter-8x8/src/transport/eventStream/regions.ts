import type { EventStreamOptions } from '../../options.js';

/** 8x8's Event Streaming host of a region (its platform name in 8x8's docs in the comment). */
const regionHosts: Readonly<Record<NonNullable<EventStreamOptions['region']>, string>> = {
  euw2: 'pulsar-ws-euw2.8x8.com', // UK3
  use1: 'pulsar-ws-use1.8x8.com', // US1
  usw2: 'pulsar-ws-usw2.8x8.com', // US2
};

/**
 * Scheme and host to connect to: `url` when given (a proxy, the emulator; `http(s)` is taken as
 * `ws(s)`, the same server), else the region's host.
 */
export function eventStreamOrigin(options: Pick<EventStreamOptions, 'region' | 'url'>): string {
  if (options.url) return options.url.replace(/^http(s?):/, 'ws$1:');
  if (!options.region) throw new Error('eventStream needs `region` or `url`');
  return `wss://${regionHosts[options.region]}`;
}
