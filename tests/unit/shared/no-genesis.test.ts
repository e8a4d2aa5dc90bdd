/** Why a repo has no group, as `list`, `members` and every command needing a group say it. */
import { describe, expect, it } from 'vitest';
import type { Quarantined } from '../../../shared/format/check';
import { describeNoGenesis } from '../../../shared/derive/no-genesis';

const q = (reason: Quarantined['reason'], detail = 'x', path = 'charter.json'): Quarantined => ({
  ok: false,
  path,
  reason,
  detail,
});

describe('describeNoGenesis', () => {
  it.each([
    ['no charter yet', [], /founders still signing/],
    [
      'only statements without a charter',
      [q('no-charter', 'x', 'rotations/a.json')],
      /charter sign/,
    ],
    [
      'two charters',
      [q('duplicate-entry'), q('duplicate-entry'), q('no-charter', 'x', 'rotations/a.json')],
      /holds 2 different charters/,
    ],
    [
      'a charter a founder did not sign',
      [q('invalid-charter', 'founder Bob did not sign the charter')],
      /charter\.json is not valid \(invalid-charter: founder Bob did not sign the charter\)/,
    ],
  ] as const)('says what is wrong when the repo has %s', (_, quarantined, message) => {
    const text = describeNoGenesis({ quarantined: [...quarantined] });
    expect(text).toMatch(message);
    if (quarantined.some((x) => x.path === 'charter.json'))
      expect(text).not.toContain('charter sign');
  });
});
