/**
 * Evidence through the real code: signed and appended by `attachEvidence` to a real repo, checked
 * by `steward verify`, shown by `steward show`; and every refusal leaves the repo as it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StewardError, type ErrorCode } from '../../shared/errors';
import type { EvidenceStatement } from '../../shared/format/types';
import { close } from '../../electron/core/governance/close';
import { attachEvidence, type EvidenceRequest } from '../../electron/core/governance/evidence';
import { found } from '../../electron/core/governance/found';
import { propose } from '../../electron/core/governance/propose';
import { findEvidence } from '../../electron/core/governance/resolve';
import { signStatement } from '../../electron/core/governance/sign';
import { vote } from '../../electron/core/governance/vote';
import type { Signer } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, steward, tempDir } from '../helpers/cli';
import { evidenceBody, makeSigner } from '../helpers/memory-group';

const T0 = Date.parse('2026-06-01T00:00:00.000Z');
const at = (hours: number): Date => new Date(T0 + hours * 3600_000);
const alice = makeSigner('Alice');
const bob = makeSigner('Bob');
const mallory = makeSigner('Mallory');

type Show = {
  status: string;
  tally: unknown;
  evidence: ({ id: string; author: string; created: string } & Record<string, unknown>)[];
  quarantined: { path: string; reason: string; id?: string }[];
};

/** Alice founds a group and proposes to register a model; Bob joins after the proposal opened. */
const group = async () => {
  const dir = join(tempDir(), 'g');
  const rules = { votingPeriod: 24 * 3600 };
  await found({ path: dir, name: 'Lab', founders: [], rules, signer: alice, now: at(0) });
  const ledger = await Ledger.open(dir);
  const as = (signer: Signer, hours: number) => ({ ledger, signer, now: at(hours) });
  const p = await propose(as(alice, 1), {
    kind: 'register-model',
    title: 'Register Tiny Llama',
    params: {
      model: 'tiny-llama',
      name: 'Tiny Llama',
      license: 'MIT',
      owners: [{ member: alice.id, shares: 100 }],
      version: '1.0',
      files: evidenceBody().files,
    },
  });
  const add = await propose(as(alice, 1.5), {
    kind: 'add-member',
    title: 'Add Bob',
    params: { key: bob.publicKey, name: 'Bob' },
  });
  await vote(as(alice, 1.6), { proposal: add.id, ballot: { choice: 'yes' } });
  await close(as(alice, 1.7), add.id);
  return { dir, ledger, as, proposal: p.id };
};

const request = (proposal: string, change: Partial<EvidenceRequest> = {}): EvidenceRequest => ({
  proposal,
  ...evidenceBody(),
  ...change,
});

const cli = (dir: string, hours: number, ...args: string[]) =>
  steward([...args, '--repo', dir], { STEWARD_NOW: at(hours).toISOString() });

describe('evidence on a proposal', () => {
  it('is signed, appended as one commit, verified and shown', { timeout: 60_000 }, async () => {
    const { dir, ledger, as, proposal } = await group();
    const files = [...evidenceBody().files].reverse();
    const made = await attachEvidence(
      as(alice, 2),
      request(proposal.slice(0, 8), { files, note: 'on 200 product reviews' }),
    );
    expect(made.proposal).toBe(proposal);

    // One commit adding exactly the file at its one path, with the message of docs/format.md.
    const path = `proposals/${proposal.slice(0, 2)}/${proposal}/evidence/${made.id}.json`;
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(made.commit);
    expect(git(dir, 'show', '--name-status', '--format=%s%n%an <%ae>', 'HEAD').trim()).toBe(
      [
        `evidence for "Register Tiny Llama" (${proposal.slice(0, 6)}): tiny-llama@1.0 text-classification`,
        `Alice <${alice.id.slice(0, 12)}@members.steward>`,
        '',
        `A\t${path}`,
      ].join('\n'),
    );
    const written = JSON.parse(git(dir, 'show', `HEAD:${path}`)) as {
      statement: EvidenceStatement;
    };
    // The files were given out of order: the statement lists them by path.
    expect(written.statement.files).toEqual(evidenceBody().files);
    expect(written.statement).toMatchObject({ type: 'evidence', proposal, author: alice.id });
    git(dir, 'fsck', '--strict');

    const verified = cli(dir, 3, 'verify', '--json');
    expect(verified.status).toBe(0);
    expect(verified.json).toEqual({ ok: true, statements: 6, quarantined: [], rewrites: [] });

    const shown = cli(dir, 3, 'show', proposal.slice(0, 10), '--json');
    expect(shown.status).toBe(0);
    const json = shown.json as Show;
    expect(json.evidence).toEqual([
      {
        id: made.id,
        author: alice.id,
        created: at(2).toISOString(),
        ...evidenceBody(),
        note: 'on 200 product reviews',
      },
    ]);
    expect(json.quarantined).toEqual([]);

    const text = cli(dir, 3, 'show', proposal).stdout;
    const section = text.slice(text.indexOf('Evidence'));
    for (const part of [
      'Evidence (counted in no tally)',
      'Alice · 2026-06-01 02:00 · tiny-llama@1.0 · text-classification',
      'dataset reviews.jsonl · 200 items · sha256 cccccccccccc',
      'metrics accuracy 0.91 · items 200',
      'outputs sha256 dddddddddddd',
      '“on 200 product reviews”',
      `evidence ${made.id}`,
    ])
      expect(section).toContain(part);

    // What reproducing it will need, found by a prefix of its id.
    const { state } = await ledger.load(at(3));
    const found = findEvidence(state, made.id.slice(0, 8));
    expect(found.proposal.id).toBe(proposal);
    expect(found.evidence).toEqual(json.evidence[0]);
  });

  it(
    'is accepted after the close and changes no tally or status',
    { timeout: 60_000 },
    async () => {
      const { dir, as, proposal } = await group();
      await vote(as(alice, 2), { proposal, ballot: { choice: 'yes' } });
      await close(as(alice, 3), proposal);
      const before = cli(dir, 4, 'show', proposal, '--json').json as Show;
      const late = await attachEvidence(
        as(alice, 30),
        request(proposal, { task: 'feature-extraction', metrics: { meanCosine: 0.82 } }),
      );
      const after = cli(dir, 31, 'show', proposal, '--json').json as Show;
      expect(after.status).toBe('passed');
      expect(after.tally).toEqual(before.tally);
      expect({ ...after, evidence: [] }).toEqual({ ...before, evidence: [] });
      expect(after.evidence.map((e) => e.id)).toEqual([late.id]);
      expect(cli(dir, 31, 'verify', '--json').json).toMatchObject({ ok: true });
    },
  );

  it('written by someone outside the group is shown quarantined, not listed', async () => {
    const { dir, ledger, proposal } = await group();
    const { state } = await ledger.load(at(2));
    const statement: EvidenceStatement = {
      format: 'steward/1',
      type: 'evidence',
      group: state.group!.id,
      author: mallory.id,
      created: at(2).toISOString(),
      proposal,
      ...evidenceBody(),
    };
    const { envelope, id } = signStatement(statement, [mallory]);
    await ledger.append(envelope, id, 'evidence by an outsider', mallory);

    const verified = cli(dir, 3, 'verify', '--json');
    expect(verified.json).toMatchObject({
      ok: false,
      quarantined: [
        {
          reason: 'non-member',
          path: `proposals/${proposal.slice(0, 2)}/${proposal}/evidence/${id}.json`,
        },
      ],
    });
    const shown = cli(dir, 3, 'show', proposal, '--json').json as Show;
    expect(shown.evidence).toEqual([]);
    expect(shown.quarantined).toMatchObject([{ reason: 'non-member', id }]);
    expect(cli(dir, 3, 'show', proposal).stdout).toContain(
      'non-member: the author was not a member when the proposal opened',
    );
  });
});

/** Who tries, when, with what, on the proposal `p`; the code and message expected. */
type Attempt = (p: string) => { who: Signer; hours: number; request: EvidenceRequest };
type Refusal = [string, Attempt, ErrorCode, string];

/** Alice, on time, with one field of the body changed. */
const badBody = ([what, change, message]: [string, Partial<EvidenceRequest>, string]): Refusal => [
  what,
  (p) => ({ who: alice, hours: 2, request: request(p, change) }),
  'invalid-argument',
  `invalid evidence: ${message}`,
];

describe('attachEvidence refuses', () => {
  it.each<Refusal>([
    [
      'a proposal that does not exist',
      () => ({ who: alice, hours: 2, request: request('0'.repeat(64)) }),
      'not-found',
      'no proposal with id',
    ],
    [
      'an id that is not hex',
      () => ({ who: alice, hours: 2, request: request('tiny-llama') }),
      'invalid-argument',
      'is not a proposal id',
    ],
    [
      'someone who is not a member',
      (p) => ({ who: mallory, hours: 2, request: request(p) }),
      'not-a-member',
      'is not a member of Lab',
    ],
    [
      'a member who joined after the proposal opened',
      (p) => ({ who: bob, hours: 2, request: request(p) }),
      'not-eligible',
      'you joined after "Register Tiny Llama" opened',
    ],
    [
      'a clock before the proposal',
      (p) => ({ who: alice, hours: 1 - 1 / 60, request: request(p) }),
      'invalid-argument',
      'evidence dated before its proposal is not counted',
    ],
    ...(
      [
        [
          'a NaN metric',
          { metrics: { accuracy: NaN } },
          '/statement/metrics/accuracy must be number',
        ],
        [
          'an infinite metric',
          { metrics: { loss: Infinity } },
          '/statement/metrics/loss must be number',
        ],
        ['an infinite setting', { settings: { t: -Infinity } }, '/statement/settings/t must be'],
        ['no metrics', { metrics: {} }, '/statement/metrics must NOT have fewer than 1'],
        [
          '33 settings',
          { settings: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`s${i}`, i])) },
          '/statement/settings must NOT have more than 32',
        ],
        ['no files', { files: [] }, '/statement/files must NOT have fewer than 1'],
        [
          'a file twice',
          { files: [evidenceBody().files[0]!, { path: 'config.json', sha256: 'e'.repeat(64) }] },
          '/statement/files names config.json twice',
        ],
        [
          'an unknown task',
          { task: 'summarization' as never },
          '/statement/task must be equal to one of',
        ],
        ['uppercase hex outputs', { outputs: 'D'.repeat(64) }, '/statement/outputs must match'],
        ['a negative seed', { seed: -1 }, '/statement/seed must be >= 0'],
        [
          'a dataset path',
          { dataset: { ...evidenceBody().dataset, name: 'data/reviews.jsonl' } },
          '/statement/dataset/name must match',
        ],
        ['a bad version', { version: '../1.0' }, '/statement/version must match'],
        [
          'a note too long',
          { note: 'x'.repeat(2001) },
          '/statement/note must NOT have more than 2000',
        ],
      ] as [string, Partial<EvidenceRequest>, string][]
    ).map(badBody),
  ])('%s, and writes nothing', { timeout: 30_000 }, async (_, make, code, message) => {
    const { dir, as, proposal } = await group();
    const head = git(dir, 'rev-parse', 'HEAD');
    const { who, hours, request: r } = make(proposal);
    const error = await attachEvidence(as(who, hours), r).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StewardError);
    expect((error as StewardError).code).toBe(code);
    expect((error as StewardError).message).toContain(message);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});
