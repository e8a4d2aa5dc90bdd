/**
 * The small-order key forgery, played for real: under each small-order public key (and each
 * non-canonical twin), a vote signed with R = identity and S = 0, found by trying dates as an
 * attacker would, verifies with plain node:crypto. Steward refuses the signature and the key, and
 * refuses to let such a key in wherever one enters: a charter, an add-member proposal, a rotation,
 * an imported identity.
 */
import { createPublicKey, verify } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase64Url, toHex } from '../../shared/encoding';
import { defaultRules } from '../../shared/charter';
import { checkFile, memberIdOf } from '../../shared/format/check';
import { renderEnvelope, signingBytes } from '../../shared/format/envelope';
import { statementPath } from '../../shared/format/paths';
import type { CharterStatement, Envelope, Statement } from '../../shared/format/types';
import { generateKeyPair, nodeCrypto, signWithSeed } from '../../electron/core/crypto';
import { publishRotation } from '../../electron/core/governance/rotate';
import { signStatement } from '../../electron/core/governance/sign';
import { Keystore, unlockIdentityFile } from '../../electron/core/identity/keystore';
import { Ledger } from '../../electron/core/ledger/ledger';
import { git, Person, steward, tempDir } from '../helpers/cli';
import {
  challenge,
  encode,
  IDENTITY,
  L,
  scalarBytes,
  scalarOf,
  smallOrderPoints,
  twinsOf,
} from '../helpers/ed25519-math';

const T = '2026-04-01T00:00:00.000Z';
const GROUP = 'a'.repeat(64);
const PROPOSAL = 'b'.repeat(64);
const R_IDENTITY = encode(IDENTITY);
const FORGED = Buffer.concat([R_IDENTITY, new Uint8Array(32)]);

/** What node:crypto alone says, with no strict rule in front of it. */
const plainVerify = (key: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  verify(
    null,
    message,
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(key) }, format: 'jwk' }),
    signature,
  );

const voteAt = (key: Uint8Array, minute: number): Statement => ({
  format: 'steward/1',
  type: 'vote',
  group: GROUP,
  author: toHex(nodeCrypto.sha256(key)),
  created: new Date(Date.UTC(2026, 3, 1, 0, minute)).toISOString(),
  proposal: PROPOSAL,
  choice: 'yes',
});

/** The attacker's search: the first date whose vote the forged signature verifies for. */
const forgeVote = (key: Uint8Array): { statement: Statement; tries: number } | undefined => {
  for (let minute = 0; minute < 300; minute++) {
    const statement = voteAt(key, minute);
    if (plainVerify(key, signingBytes(statement), FORGED)) return { statement, tries: minute + 1 };
  }
  return undefined;
};

const fileOf = (envelope: Envelope) => {
  const bytes = Buffer.from(renderEnvelope(envelope));
  const id = toHex(nodeCrypto.sha256(signingBytes(envelope.statement)));
  return { path: statementPath('vote', id, PROPOSAL), mode: '100644', size: bytes.length, bytes };
};

describe('small-order keys', () => {
  const points = smallOrderPoints();
  const weak = [
    ...points.map((t) => ({ name: `order ${t.order} ${toHex(t.encoding)}`, key: t.encoding })),
    ...points.flatMap((t) =>
      twinsOf(t).map((key) => ({ name: `twin of order ${t.order} ${toHex(key)}`, key })),
    ),
  ];

  it.each(weak)('a vote forged under $name verifies with node:crypto; Steward refuses it', (w) => {
    const forged = forgeVote(w.key);
    expect(forged, 'the forgery is found by trying dates').toBeDefined();
    const bytes = signingBytes(forged!.statement);
    expect(plainVerify(w.key, bytes, FORGED)).toBe(true);
    expect(nodeCrypto.verify(w.key, bytes, FORGED)).toBe(false);
    const envelope = {
      statement: forged!.statement,
      signatures: [{ key: toBase64Url(w.key), signature: toBase64Url(FORGED) }],
    };
    expect(checkFile(fileOf(envelope), nodeCrypto)).toMatchObject({
      ok: false,
      reason: 'weak-key',
    });
    // With the key check alone (a verifier that trusts node:crypto for the curve), still refused.
    const lenient = { ...nodeCrypto, verify: plainVerify };
    expect(checkFile(fileOf(envelope), lenient)).toMatchObject({ reason: 'weak-key' });
  });

  it('refuses a small-order R even from an honest key that made it with its secret', () => {
    // R = identity, S = k·a: the curve equation holds, and only the key's holder could do it.
    const pair = generateKeyPair();
    const key = Buffer.from(pair.publicKey, 'base64url');
    const message = signingBytes(voteAt(key, 0));
    const s = (challenge(R_IDENTITY, key, message) * scalarOf(pair.seed)) % L;
    const signature = Buffer.concat([R_IDENTITY, scalarBytes(s)]);
    expect(plainVerify(key, message, signature)).toBe(true);
    expect(nodeCrypto.verify(key, message, signature)).toBe(false);
    // The same key's ordinary signature still verifies.
    const ordinary = Buffer.from(signWithSeed(pair.seed, pair.publicKey, message), 'base64url');
    expect(nodeCrypto.verify(key, message, ordinary)).toBe(true);
  });
});

describe('admitting a small-order key', () => {
  const root = tempDir();
  const repo = join(root, 'g');
  const alice = new Person(join(root, 'alice'), repo);
  const weak = toBase64Url(smallOrderPoints().find((t) => t.order === 8)!.encoding);
  let head: string;

  beforeAll(() => {
    alice.json(T, 'identity', 'create', '--name', 'Alice');
    steward(['init', repo, '--name', 'G', '--json'], alice.env(T));
    head = git(repo, 'rev-parse', 'HEAD');
  }, 60_000);

  const oneLineError = (args: string[], cwdRepo = true) => {
    const full = cwdRepo ? [...args, '--repo', repo] : args;
    const human = steward(full, alice.env(T));
    expect(human.status).toBe(1);
    expect(human.stderr.trim().split('\n')).toHaveLength(1);
    expect(human.stderr).toMatch(/small order/);
    const json = steward([...full, '--json'], alice.env(T));
    expect(json.json).toEqual({
      error: { code: 'invalid-argument', message: expect.stringMatching(/small order/) as string },
    });
  };

  it('refuses an add-member proposal naming one, in one line, and writes nothing', () => {
    oneLineError(['propose', 'add-member', '--title', 'Add M', '--key', weak, '--name', 'M']);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses to found a group with one among the founders', () => {
    oneLineError(['init', join(root, 'h'), '--name', 'H', '--member', `${weak}:M`], false);
  });

  it('refuses to publish a rotation to one', async () => {
    const signer = await new Keystore(alice.home).unlock(alice.passphrase);
    const ledger = await Ledger.open(repo);
    await expect(publishRotation(ledger, signer, weak, new Date(T))).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/small order/) as string,
    });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses to import an identity file that names one', async () => {
    const file = JSON.parse(readFileSync(join(alice.home, 'identity.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const id = toHex(nodeCrypto.sha256(Buffer.from(weak, 'base64url')));
    const text = JSON.stringify({ ...file, publicKey: weak, id });
    await expect(
      Promise.resolve().then(() => unlockIdentityFile(text, alice.passphrase)),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(/small order/) as string,
    });
  });

  it('finds no genesis in a repo whose charter names one, its signature forged', async () => {
    const honest = generateKeyPair();
    let charter: CharterStatement | undefined;
    // The nonce is the attacker's to choose: tried until the forged founder's signature verifies.
    for (let attempt = 0; !charter && attempt < 300; attempt++) {
      const draft: CharterStatement = {
        format: 'steward/1',
        type: 'charter',
        created: T,
        name: 'Forged',
        nonce: randomBytes(16).toString('hex'),
        members: [
          { id: memberIdOf(nodeCrypto, honest.publicKey), name: 'Alice', key: honest.publicKey },
          { id: memberIdOf(nodeCrypto, weak), name: 'Mallory', key: weak },
        ],
        rules: defaultRules(),
        requireApproval: false,
      };
      if (plainVerify(Buffer.from(weak, 'base64url'), signingBytes(draft), FORGED)) charter = draft;
    }
    expect(charter, 'a nonce that makes the forgery verify').toBeDefined();
    const bytes = signingBytes(charter!);
    const text = renderEnvelope({
      statement: charter!,
      signatures: [
        { key: honest.publicKey, signature: signWithSeed(honest.seed, honest.publicKey, bytes) },
        { key: weak, signature: toBase64Url(FORGED) },
      ],
    });
    const dir = join(root, 'forged');
    mkdirSync(dir);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'charter.json'), text);
    git(dir, 'add', 'charter.json');
    git(dir, '-c', 'user.name=M', '-c', 'user.email=m@example.org', 'commit', '-qm', 'found');
    const { state } = await (await Ledger.open(dir)).load(new Date(T));
    expect(state.group).toBeUndefined();
    expect(state.quarantined).toMatchObject([{ path: 'charter.json', reason: 'weak-key' }]);
  });

  it('does not trust a verdict cached before keys were checked', async () => {
    const dir = join(root, 'cached');
    steward(['init', dir, '--name', 'C', '--json'], alice.env(T));
    const signer = await new Keystore(alice.home).unlock(alice.passphrase);
    const charter = JSON.parse(readFileSync(join(dir, 'charter.json'), 'utf8')) as Envelope;
    const proposal = {
      format: 'steward/1',
      type: 'proposal',
      group: toHex(nodeCrypto.sha256(signingBytes(charter.statement))),
      author: signer.id,
      created: '2026-04-01T00:01:00.000Z',
      kind: 'add-member',
      title: 'Add M',
      body: '',
      params: { key: weak, name: 'M' },
    } as Statement;
    const { envelope, id } = signStatement(proposal, [signer]);
    const path = statementPath('proposal', id);
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), renderEnvelope(envelope));
    git(dir, 'add', path);
    git(dir, '-c', 'user.name=A', '-c', 'user.email=a@example.org', 'commit', '-qm', 'add M');
    const oid = git(dir, 'rev-parse', `HEAD:${path}`).trim();
    // What the checks before strict keys recorded: the proposal was fine.
    const verdict = { id, signers: [signer.publicKey] };
    writeFileSync(
      join(dir, '.git', 'steward-check-cache.json'),
      JSON.stringify({ version: 2, verdicts: [[`${oid} 100644 ${path}`, verdict]] }),
    );
    const { state } = await (await Ledger.open(dir)).load(new Date('2026-04-01T01:00:00.000Z'));
    expect(state.quarantined).toMatchObject([{ path, reason: 'weak-key' }]);
    expect(state.proposals).toEqual([]);
  });

  it('refuses to sign text holding a lone surrogate', () => {
    const statement = { ...voteAt(new Uint8Array(32), 0), reason: 'a\ud800b' } as Statement;
    expect(() => signStatement(statement, [])).toThrow(/lone surrogate/);
  });
});
