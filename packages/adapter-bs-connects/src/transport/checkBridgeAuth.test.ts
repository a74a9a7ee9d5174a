import { sameSecret } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { checkBridgeAuth } from './checkBridgeAuth.js';

const key = 'k3y-0123456789abcdef';

describe('checkBridgeAuth', () => {
  it('accepts the key with an agent id, and keeps the agent details it understands', () => {
    const check = checkBridgeAuth(
      {
        key,
        agentId: 'agent-1',
        primary: true,
        agent: { firstName: 'Anna', extension: 2001, teamId: 't' },
        bridgeVersion: '1.0.0',
      },
      key,
    );
    expect(check).toEqual({
      ok: true,
      identity: {
        agentId: 'agent-1',
        primary: true,
        agent: {
          firstName: 'Anna',
          lastName: undefined,
          loginName: undefined,
          extension: undefined,
          teamId: 't',
        },
        bridgeVersion: '1.0.0',
      },
    });
  });

  it('treats a bridge that does not say otherwise as the primary tab', () => {
    const check = checkBridgeAuth({ key, agentId: 'a' }, key);
    expect(check.ok && check.identity.primary).toBe(true);
    const secondary = checkBridgeAuth({ key, agentId: 'a', primary: false }, key);
    expect(secondary.ok && secondary.identity.primary).toBe(false);
  });

  it.each([
    [undefined, 'no credentials'],
    [{ agentId: 'a' }, 'no key'],
    [{ key: `${key}x`, agentId: 'a' }, 'wrong key'],
    [{ key: key.slice(1), agentId: 'a' }, 'wrong key'],
    [{ key }, 'no agent id'],
    [{ key, agentId: '  ' }, 'no agent id'],
    [{ key, agentId: 'a'.repeat(201) }, 'no agent id'],
  ])('refuses %j: %s', (auth, reason) => {
    expect(checkBridgeAuth(auth, key)).toEqual({ ok: false, reason });
  });

  it('accepts a bridge with the key that only reports a problem: no agent, not primary', () => {
    const problem = 'incompatible b+s integration library: …';
    expect(checkBridgeAuth({ key, problem, bridgeVersion: '1.0.0' }, key)).toEqual({
      ok: true,
      identity: { agentId: '', primary: false, problem, bridgeVersion: '1.0.0' },
    });
    expect(checkBridgeAuth({ key: 'wrong-key-0123456789', problem }, key)).toEqual({
      ok: false,
      reason: 'wrong key',
    });
    const long = checkBridgeAuth({ key, problem: 'p'.repeat(5000), agentId: 'a', primary: true }, key);
    expect(long.ok && [long.identity.problem?.length, long.identity.primary]).toEqual([500, false]);
  });

  it('compares secrets of any length without throwing (core`s sameSecret)', () => {
    expect(sameSecret('a', 'a')).toBe(true);
    expect(sameSecret('a', 'ab')).toBe(false);
    expect(sameSecret('', key)).toBe(false);
  });
});
