import { describe, expect, it } from 'vitest';
import { isClientId, jsonWithId } from './ids';

describe('client ids as text', () => {
  const big = '9007199254740993';
  it('is what a double cannot hold', () => {
    // The defect: read as a number, the id is another client's.
    expect(String(Number(big))).toBe('9007199254740992');
    expect(String(JSON.parse(`{"id":${big}}`).id)).not.toBe(big);
  });
  it('recognises an id by its digits', () => {
    expect(isClientId(big)).toBe(true);
    expect(isClientId('100002')).toBe(true);
    expect(isClientId('')).toBe(false);
    expect(isClientId('12a')).toBe(false);
    expect(isClientId('-1')).toBe(false);
    expect(isClientId('1'.repeat(20))).toBe(false);
  });
  it('sends an id in a body with its exact digits', () => {
    const text = jsonWithId({ AMT_CREDIT: 1, NAME: 'x"SK_ID_CURR":null' }, 'SK_ID_CURR', big);
    expect(text).toContain(`"SK_ID_CURR":${big}`);
    // A value that spells the key is left alone: only the key's own place is written.
    expect(text).toContain('"NAME":"x\\"SK_ID_CURR\\":null"');
    expect(jsonWithId({}, 'SK_ID_CURR', '')).toBe('{"SK_ID_CURR":null}');
    expect(jsonWithId({}, 'SK_ID_CURR', '12a')).toBe('{"SK_ID_CURR":"12a"}');
  });
});
