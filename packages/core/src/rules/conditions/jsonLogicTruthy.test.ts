import jsonLogic from 'json-logic-js';
import { describe, expect, test } from 'vitest';
import { truthy } from './jsonLogicTruthy.js';

describe('truthy', () => {
  test.each([
    [[], false],
    [[0], true],
    ['0', true],
    ['', false],
    [0, false],
    [Number.NaN, false],
    [null, false],
    [undefined, false],
    [{}, true],
    ['false', true],
    [-1, true],
  ])('truthy(%j) is %s, like json-logic-js', (value, expected) => {
    expect(truthy(value)).toBe(expected);
    expect(jsonLogic.truthy(value)).toBe(expected);
  });
});
