/**
 * The text rules docs/format.md spells out for a second implementation (§6.6 blank names, §7.11
 * equal poll options, §7.4 files without a version, §7.9 a model retired twice), held to the
 * reference's behaviour example by example.
 */
import { describe, expect, it } from 'vitest';
import { checkChange, defaultRules } from '../../../shared/charter';
import { applyEffect, type Ledger } from '../../../shared/derive/effects';
import { paramsProblem } from '../../../shared/derive/preconditions';
import type { ProposalStatement } from '../../../shared/format/types';

const member = 'a'.repeat(64);
const ledger = (): Ledger => ({
  charter: {
    name: 'G',
    rules: defaultRules(),
    requireApproval: false,
  } as unknown as Ledger['charter'],
  members: new Map([[member, { id: member } as never]]),
  models: new Map(),
});

const proposal = (kind: string, params: Record<string, unknown>): ProposalStatement =>
  ({ type: 'proposal', kind, params }) as unknown as ProposalStatement;

const poll = (options: string[]) => proposal('poll', { method: 'approval', options });
const id = (key: string): string => key;

describe('§7.11 equal poll options', () => {
  it.each([
    ['Friday', ' friday\u3000'],
    ['Friday', '\tFRIDAY\u00a0'],
    ['5 K', '5 \u212a'],
    ['Friday', 'Friday\ufeff'],
  ])('finds %j and %j equal', (a, b) => {
    expect(paramsProblem(ledger(), poll([a, b]), id)).toBe('an option is listed twice');
  });

  it.each([
    ['Friday', 'Friday\u0085'],
    ['Friday', '\u200bFriday'],
    ['Straße', 'STRASSE'],
    ['\u0130', 'i'],
    ['\u0130', 'I'],
    ['\u00e9', 'e\u0301'],
  ])('finds %j and %j different', (a, b) => {
    expect(paramsProblem(ledger(), poll([a, b]), id)).toBeUndefined();
  });
});

describe('§6.6 a blank name', () => {
  it.each([' ', '\t', '\u00a0', '\u3000', '\u2028'])('refuses %j', (name) => {
    expect(checkChange({ key: 'name', value: name })).toBe('name must be text');
  });
  it.each(['\u0085', '\u200b', ' x '])('accepts %j', (name) => {
    expect(checkChange({ key: 'name', value: name })).toBeUndefined();
  });
});

const register = (params: Record<string, unknown>) =>
  proposal('register-model', {
    model: 'tiny',
    name: 'Tiny',
    license: 'MIT',
    owners: [{ member, shares: 1 }],
    ...params,
  });

describe('§7.4 files and version', () => {
  it('refuses files: [] without a version', () => {
    expect(paramsProblem(ledger(), register({ files: [] }), id)).toBe('files need a version');
  });
  it('registers a version that lists no file from files: [] with a version', () => {
    const l = ledger();
    const p = register({ files: [], version: '1.0' });
    expect(paramsProblem(l, p, id)).toBeUndefined();
    expect(applyEffect(l, p, 'p1', '2026-01-01T00:00:00.000Z', id)).toEqual({ applied: true });
    expect(l.models.get('tiny')?.versions).toEqual([{ version: '1.0', files: [], proposal: 'p1' }]);
  });
  it('gives the first failing check in the written order', () => {
    expect(paramsProblem(ledger(), register({ license: 'mit', files: [], owners: [] }), id)).toBe(
      '"mit" is not an SPDX licence expression',
    );
  });
});

describe('§7.9 a model retired twice', () => {
  it('refuses a second retirement opened after the first took effect, and applies no second one admitted before', () => {
    const l = ledger();
    const reg = register({});
    applyEffect(l, reg, 'p1', '2026-01-01T00:00:00.000Z', id);
    const retire = proposal('retire-model', { model: 'tiny' });
    // Both admitted while the model was live.
    expect(paramsProblem(l, retire, id)).toBeUndefined();
    expect(applyEffect(l, retire, 'p2', '2026-01-02T00:00:00.000Z', id)).toEqual({ applied: true });
    expect(applyEffect(l, retire, 'p3', '2026-01-03T00:00:00.000Z', id)).toEqual({
      applied: false,
      reason: 'model tiny is retired',
    });
    // Opened after the first took effect.
    expect(paramsProblem(l, retire, id)).toBe('the model is retired');
  });
});
