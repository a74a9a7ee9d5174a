import { describe, expect, test } from 'vitest';
import { SapiStreamParser, type SapiStreamParserOptions } from '../../src/transport/sapi/SapiStreamParser.js';

const chunkSize = 4096;
const mb = 1024 * 1024;

/** Streams that never complete a message: the parser must not rescan what it read or re-join its buffer. */
const unending: Record<string, (size: number) => string> = {
  'a JSON string that never ends': (size) => `{"Interaction":{"note":"${'x'.repeat(size)}`,
  'a length prefix that never ends': (size) => '1234567890'.repeat(size / 10),
  'XML that never closes': (size) => `<Interaction><note>${'x'.repeat(size)}`,
  'XML elements nested without end': (size) => '<a>'.repeat(size / 3),
  'text without a line break': (size) => 'garbage text '.repeat(size / 13),
  'events back to back': (size) => '{"AgentStatusChange":{"agentId":"ag1","newState":5}}'.repeat(size / 52),
};

/** CPU seconds to feed `text` in 4 KB chunks (best of `runs`, to keep a loaded machine's noise out). */
function cpuSeconds(text: string, options: SapiStreamParserOptions, runs = 3): number {
  const bytes = Buffer.from(text);
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const parser = new SapiStreamParser(options);
    const start = process.cpuUsage();
    for (let i = 0; i < bytes.length; i += chunkSize) parser.push(bytes.subarray(i, i + chunkSize));
    parser.end();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

describe('the SAPI parser is linear in what it is fed', () => {
  for (const [name, make] of Object.entries(unending)) {
    test(`${name}: 4× the input costs about 4× the time, and 8 MB is quick`, () => {
      for (const newlineDelimited of [false, true]) {
        const options = { newlineDelimited };
        cpuSeconds(make(mb), options, 1); // warm up the JIT
        const small = cpuSeconds(make(2 * mb), options);
        const large = cpuSeconds(make(8 * mb), options);
        // Quadratic work grows 16× for 4× the input (the old parser: over 8 s for 8 MB); linear grows 4×.
        // The floor keeps timer noise on tiny figures from deciding the ratio.
        expect(large, `8 MB took ${large} s, 2 MB ${small} s`).toBeLessThan(Math.max(8 * small, 0.2));
        expect(large).toBeLessThan(2);
      }
    });
  }
});
