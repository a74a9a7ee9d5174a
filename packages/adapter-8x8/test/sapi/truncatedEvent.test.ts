import { describe, expect, test } from 'vitest';
import { type SapiWireEvent, serializeSapiEvent } from '../../src/testing/sapiEncoding.js';
import type { SapiFrame } from '../../src/transport/sapi/SapiFrame.js';
import { SapiStreamParser, type SapiStreamParserOptions } from '../../src/transport/sapi/SapiStreamParser.js';

/** The event cut short: an interaction with attached data, as SAPI sends them. */
const cutEvent: SapiWireEvent = {
  type: 'Interaction',
  body: {
    attachedData: { attachedDatum: [{ attachedDataKey: 'callingName', attachedDataValue: 'Zoë' }] },
    event: 'InteractionQueued',
    interactionGUID: 'int-1',
  },
};
/** Short, so that every truncation point times every chunk boundary stays quick. */
const goodEvents: SapiWireEvent[] = [2, 3, 4].map((n) => ({
  type: 'AgentStatusChange',
  body: { agentId: `ag${n}`, newState: 5 },
}));

interface Case {
  readonly name: string;
  readonly format: 'json' | 'xml';
  readonly options: SapiStreamParserOptions;
  /** What follows each event on the wire. */
  readonly separator: string;
  /** What the stream starts with. */
  readonly opening: string;
}

const cases: Case[] = [
  { name: 'NEWLINE_JSON', format: 'json', options: { newlineDelimited: true }, separator: '\n', opening: '' },
  {
    name: 'NEWLINE_XML',
    format: 'xml',
    options: { newlineDelimited: true },
    separator: '\n',
    opening: "<?xml version='1.0' encoding='UTF-8' ?>\n",
  },
  { name: 'XML, events back to back', format: 'xml', options: {}, separator: '', opening: '' },
];

function parseSplit(stream: string, at: number, options: SapiStreamParserOptions): SapiFrame[] {
  const parser = new SapiStreamParser(options);
  return [...parser.push(stream.slice(0, at)), ...parser.push(stream.slice(at)), ...parser.end()];
}

describe('an event cut short costs only itself: every truncation point × every chunk boundary', () => {
  for (const c of cases) {
    test(c.name, () => {
      const event = serializeSapiEvent(cutEvent, c.format);
      const good = goodEvents.map((e) => serializeSapiEvent(e, c.format));
      const tail = good.map((text) => text + c.separator).join('');
      const failures: string[] = [];
      let runs = 0;
      for (let cut = 1; cut < event.length; cut++) {
        const stream = `${c.opening}${event.slice(0, cut)}${c.separator}${tail}`;
        for (let at = 0; at <= stream.length; at++) {
          runs += 1;
          const frames = parseSplit(stream, at, c.options);
          const messages = frames.flatMap((f) => (f.kind === 'message' ? [f.text] : []));
          const rejected = frames.filter((f) => f.kind === 'invalid' || f.kind === 'unknown').length;
          const ok =
            rejected === 1 && messages.length === good.length && messages.every((m, i) => m === good[i]);
          if (!ok && failures.length < 5)
            failures.push(
              `cut ${cut}, chunk boundary ${at}: ${rejected} rejected, messages ${messages.length}`,
            );
        }
      }
      expect(failures).toEqual([]);
      expect(runs).toBeGreaterThan(10_000);
    });
  }
});
