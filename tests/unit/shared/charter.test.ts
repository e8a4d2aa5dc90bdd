import { describe, expect, it } from 'vitest';
import { applyChanges, checkChange, defaultRules, parseSetting } from '../../../shared/charter';
import { parseDuration } from '../../../shared/duration';
import { classifyPath, statementPath } from '../../../shared/format/paths';
import { proposalKinds } from '../../../shared/format/kinds';

const id = 'ab'.repeat(32);
const other = 'cd'.repeat(32);

describe('charter', () => {
  it('decides model kinds by owners and shares, and the rest by members equally', () => {
    const rules = defaultRules({ quorum: 0.3 });
    expect(rules['transfer-shares']).toMatchObject({
      electorate: 'owners',
      weight: 'shares',
      quorum: 0.3,
    });
    expect(rules['add-member']).toMatchObject({
      electorate: 'members',
      weight: 'equal',
      votingPeriod: 259200,
    });
  });

  it('expands a bare field to every kind that accepts it', () => {
    expect(parseSetting('quorum=0.6')).toHaveLength(proposalKinds.length);
    expect(parseSetting('voting-period=48h')[0]).toEqual({
      key: 'rules.add-member.votingPeriod',
      value: 172800,
    });
    expect(parseSetting('electorate=owners').map((c) => c.key)).toEqual(
      expect.arrayContaining(['rules.set-license.electorate']),
    );
    expect(parseSetting('electorate=owners').map((c) => c.key)).not.toContain(
      'rules.add-member.electorate',
    );
    expect(parseSetting('rules.poll.threshold=0.3')).toEqual([
      { key: 'rules.poll.threshold', value: 0.3 },
    ]);
    expect(parseSetting('requireApproval=true')).toEqual([{ key: 'requireApproval', value: true }]);
  });

  it.each([
    'quorum=1.5',
    'quorum=',
    'threshold=abc',
    'voting-period=soon',
    'rules.nope.quorum=0.5',
    'rules.poll.colour=red',
    'rules.add-member.electorate=owners',
    'requireApproval=maybe',
    'readAccess=nobody',
    'no-equals-sign',
    '=0.5',
  ])('refuses %j', (text) => {
    expect(() => parseSetting(text)).toThrow();
  });

  it('applies changes without touching the original', () => {
    const before = {
      name: 'G',
      rules: defaultRules(),
      requireApproval: false,
      readAccess: 'anyone' as const,
    };
    const after = applyChanges(before, [
      { key: 'name', value: 'H' },
      { key: 'rules.poll.quorum', value: 0.1 },
      { key: 'readAccess', value: 'members' },
    ]);
    expect(after).toMatchObject({
      name: 'H',
      rules: { poll: { quorum: 0.1 } },
      readAccess: 'members',
    });
    expect(before.readAccess).toBe('anyone');
    expect(checkChange({ key: 'readAccess', value: 'everyone' })).toBeDefined();
    expect(before.rules.poll.quorum).toBe(0.5);
    expect(checkChange({ key: 'name', value: '  ' })).toBeDefined();
  });

  it.each([
    ['72h', 259200],
    ['3d', 259200],
    ['90m', 5400],
    ['45', 45],
    ['0h', undefined],
    ['-1h', undefined],
    ['1y', undefined],
  ])('reads the duration %s as %s seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('paths', () => {
  it('files every statement at one path that classifies back to it', () => {
    for (const type of [
      'vote',
      'consent',
      'withdrawal',
      'close',
      'certification',
      'evidence',
    ] as const) {
      expect(classifyPath(statementPath(type, other, id))).toEqual({
        kind: 'statement',
        type,
        id: other,
        proposal: id,
      });
    }
    expect(classifyPath(statementPath('proposal', id))).toEqual({
      kind: 'statement',
      type: 'proposal',
      id,
    });
    expect(classifyPath(statementPath('key-rotation', id))).toEqual({
      kind: 'statement',
      type: 'key-rotation',
      id,
    });
    expect(classifyPath('charter.json')).toEqual({ kind: 'statement', type: 'charter' });
  });

  it.each([
    [`proposals/ab/${id}/../../x.json`, 'bad-path'],
    [`proposals/ab/${id}/.git/config`, 'bad-path'],
    [`proposals/ab/${id}/.GIT`, 'bad-path'],
    [`proposals/ab/${id}/votes/a\\b.json`, 'bad-path'],
    ['proposals/ab/x\u0001y', 'bad-path'],
    ['proposals//x', 'bad-path'],
    ['notes.txt', 'unexpected-file'],
    [`proposals/cd/${id}/proposal.json`, 'unexpected-file'],
    [`proposals/ab/${id}/votes/${other}.txt`, 'unexpected-file'],
    [`proposals/ab/${id}/ballots/${other}.json`, 'unexpected-file'],
    [`proposals/ab/${id}/votes/${other}.json/x`, 'unexpected-file'],
    [`proposals/ab/${id.toUpperCase()}/proposal.json`, 'unexpected-file'],
    [`rotations/${id}.json.bak`, 'unexpected-file'],
    ['README.md', 'readme'],
  ])('classifies %j as %s', (path, kind) => {
    expect(classifyPath(path).kind).toBe(kind);
  });
});
