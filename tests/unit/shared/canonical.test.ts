import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical';
import { fromBase64Url, fromHex, toBase64Url, toHex } from '../../../shared/encoding';
import { runs } from '../../helpers/runs';

describe('canonicalJson', () => {
  it.each([
    // RFC 8785 §3.2.3: keys sorted by UTF-16 code units.
    [
      {
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      },
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    // §3.2.2.3: ECMAScript number serialisation.
    [
      // eslint-disable-next-line no-loss-of-precision -- RFC 8785's own test value
      [333333333.33333329, 1e30, 4.5, 2e-3, 0.000001, 1e-7, -0],
      '[333333333.3333333,1e+30,4.5,0.002,0.000001,1e-7,0]',
    ],
    [
      { b: [1, { d: true, c: null }], a: 'x"\n\u001f' },
      '{"a":"x\\"\\n\\u001f","b":[1,{"c":null,"d":true}]}',
    ],
  ])('encodes %j as RFC 8785 does', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('is the same for every key order and stable under a round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        const reversed = JSON.parse(text, (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(reversed)).toBe(text);
      }),
      { numRuns: runs({ quick: 100, soak: 2_000 }) },
    );
  });
});

describe('encoding', () => {
  it('round-trips bytes through hex and base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
        expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
      { numRuns: runs({ quick: 100, soak: 2_000 }) },
    );
  });

  it.each(['ab=', 'a+b/', 'a', 'AB', 'zz!'])('refuses %j as base64url', (text) => {
    expect(() => fromBase64Url(text)).toThrow();
  });

  it.each(['ABC', 'a', 'g0'])('refuses %j as lowercase hex', (text) => {
    expect(() => fromHex(text)).toThrow();
  });
});
