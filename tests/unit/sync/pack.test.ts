import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StewardError } from '../../../shared/errors';
import { readPack, writePack, type PackedObject } from '../../../electron/core/sync/pack';
import { GitCli } from '../../helpers/git-cli';

const cli = new GitCli();
afterAll(() => cli.cleanup());

type Objects = Map<string, { type: string; bytes: Buffer }>;

const asPacked = (objects: Objects): PackedObject[] =>
  [...objects].map(([oid, o]) => ({ oid, type: o.type as PackedObject['type'], bytes: o.bytes }));

const noBases = () => Promise.resolve(undefined);

/** Lines of text that change a little from one version to the next: what git deltifies. */
const version = (name: string, n: number): string =>
  Array.from(
    { length: 300 },
    (_, i) => `${name} line ${i}: ${i % 37 === n % 37 ? `changed in version ${n}` : 'the same'}\n`,
  ).join('');

/** A repo of 12 commits rewriting three large-ish files and adding small ones. */
const deltaRepo = (): string => {
  const dir = cli.init();
  for (let n = 0; n < 12; n++) {
    for (const name of ['alpha', 'beta', 'gamma'])
      writeFileSync(join(dir, `${name}.txt`), version(name, n));
    writeFileSync(
      join(dir, `note-${n}.json`),
      JSON.stringify({ n, text: version('note', n).slice(0, 400) }),
    );
    cli.ok(dir, ['add', '-A']);
    cli.ok(dir, ['commit', '-q', '-m', `version ${n}`], undefined, {
      GIT_AUTHOR_DATE: `${1_700_000_000 + n * 60} +0000`,
      GIT_COMMITTER_DATE: `${1_700_000_000 + n * 60} +0000`,
    });
  }
  return dir;
};

/** What `git verify-pack -v` says of a pack: every object line, and the delta chains it found. */
const verifyPack = (pack: Buffer): { objects: number; deltas: number; report: string } => {
  const dir = cli.tmp('pack-');
  writeFileSync(join(dir, 'p.pack'), pack);
  cli.ok(dir, ['index-pack', join(dir, 'p.pack')]);
  const report = cli.ok(dir, ['verify-pack', '-v', join(dir, 'p.idx')]);
  const rows = report.split('\n').filter((l) => /^[0-9a-f]{40} /.test(l));
  return {
    objects: rows.length,
    deltas: rows.filter((l) => l.split(/\s+/).length >= 7).length,
    report,
  };
};

const expectSameObjects = (got: Map<string, PackedObject>, want: Objects): void => {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [oid, o] of want) {
    const mine = got.get(oid)!;
    expect(mine.type, oid).toBe(o.type);
    expect(mine.bytes.equals(o.bytes), `bytes of ${oid}`).toBe(true);
  }
};

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StewardError) return error.code;
    throw error;
  }
  return 'resolved';
};

// Raw pack building, to make damaged packs that git would never write.
const varint = (n: number): number[] => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
};
const header = (type: number, size: number): Buffer => {
  const bytes = [(type << 4) | (size & 15)];
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes[bytes.length - 1]! |= 0x80;
    bytes.push(rest & 0x7f);
    rest = Math.floor(rest / 128);
  }
  return Buffer.from(bytes);
};
const whole = (type: 1 | 2 | 3 | 4, data: Buffer | string): Buffer =>
  Buffer.concat([header(type, Buffer.byteLength(data)), deflateSync(Buffer.from(data))]);
const refDelta = (base: string, delta: Buffer): Buffer =>
  Buffer.concat([header(7, delta.length), Buffer.from(base, 'hex'), deflateSync(delta)]);
const ofsDelta = (back: number, delta: Buffer): Buffer => {
  const enc = [back & 0x7f];
  for (let n = back >> 7; n > 0; n >>= 7) enc.unshift(0x80 | (--n & 0x7f));
  return Buffer.concat([header(6, delta.length), Buffer.from(enc), deflateSync(delta)]);
};
/** A delta: base size, result size, then ops (copy: [offset, length], insert: a string). */
const delta = (baseSize: number, size: number, ...ops: ([number, number] | string)[]): Buffer =>
  Buffer.concat([
    Buffer.from([...varint(baseSize), ...varint(size)]),
    ...ops.map((op) =>
      typeof op === 'string'
        ? Buffer.concat([Buffer.from([op.length]), Buffer.from(op)])
        : Buffer.from([0x80 | 0x01 | 0x10, op[0], op[1]]),
    ),
  ]);
const rawPack = (entries: Buffer[], count = entries.length, version = 2): Buffer => {
  const head = Buffer.alloc(12);
  head.write('PACK', 0, 'latin1');
  head.writeUInt32BE(version, 4);
  head.writeUInt32BE(count, 8);
  const body = Buffer.concat([head, ...entries]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
};
const blobId = (data: string): string =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(data)}\0`)
    .update(data)
    .digest('hex');

describe('writePack', () => {
  let repo: string;
  let objects: Objects;

  beforeAll(() => {
    repo = deltaRepo();
    objects = cli.objects(repo);
  });

  it('writes a pack whose index is byte-identical to the one git index-pack makes of it', () => {
    const { pack, index, checksum } = writePack(asPacked(objects));
    const dir = cli.tmp('pack-');
    writeFileSync(join(dir, 'ours.pack'), pack);
    cli.ok(dir, ['index-pack', '-o', join(dir, 'git.idx'), join(dir, 'ours.pack')]);
    expect(readFileSync(join(dir, 'git.idx')).equals(index)).toBe(true);
    expect(checksum).toBe(pack.subarray(-20).toString('hex'));
    const verified = verifyPack(pack);
    expect(verified.objects).toBe(objects.size);
    expect(verified.deltas).toBe(0);
  });

  it('writes a pack git index-pack --stdin --strict takes in whole, every object as git has it', () => {
    const bare = cli.init({ bare: true });
    cli.ok(bare, ['index-pack', '--stdin', '--strict'], writePack(asPacked(objects)).pack);
    const taken = cli.objects(bare);
    expect([...taken.keys()].sort()).toEqual([...objects.keys()].sort());
    for (const [oid, o] of objects) expect(taken.get(oid)!.bytes.equals(o.bytes)).toBe(true);
  });

  it('writes objects larger than a stored zlib block, and empty ones, that git reads back', () => {
    const sizes = [0, 1, 65_535, 65_536, 200_001];
    const packed = sizes.map((n) => {
      const bytes = Buffer.alloc(n, `x${n}`);
      return {
        oid: createHash('sha1').update(`blob ${n}\0`).update(bytes).digest('hex'),
        type: 'blob' as const,
        bytes,
      };
    });
    const { pack, index } = writePack(packed);
    const dir = cli.tmp('pack-');
    writeFileSync(join(dir, 'big.pack'), pack);
    cli.ok(dir, ['index-pack', '-o', join(dir, 'git.idx'), join(dir, 'big.pack')]);
    expect(readFileSync(join(dir, 'git.idx')).equals(index)).toBe(true);
    const bare = cli.init({ bare: true });
    cli.ok(bare, ['index-pack', '--stdin', '--strict'], pack);
    for (const p of packed) {
      expect(cli.run(bare, ['cat-file', 'blob', p.oid]).bytes.equals(p.bytes)).toBe(true);
    }
  });

  it('writes an empty pack git accepts', () => {
    const { pack } = writePack([]);
    expect(verifyPack(pack).objects).toBe(0);
  });
});

describe('readPack', () => {
  let repo: string;
  let objects: Objects;

  beforeAll(() => {
    repo = deltaRepo();
    objects = cli.objects(repo);
  });

  it.each([
    ['offset deltas', ['--delta-base-offset']],
    ['reference deltas', []],
  ])('returns exactly the objects git cat-file gives, from a git pack of %s', async (_, flags) => {
    const pack = cli.run(repo, ['pack-objects', '--revs', '--stdout', ...flags], 'main\n').bytes;
    const verified = verifyPack(pack);
    expect(verified.deltas, 'git made deltas').toBeGreaterThan(10);
    expectSameObjects(await readPack(pack, noBases), objects);
  });

  it('returns the same objects from a pack git made with deep delta chains', async () => {
    cli.ok(repo, ['gc', '-q', '--aggressive']);
    const pack = cli.run(
      repo,
      ['pack-objects', '--revs', '--stdout', '--depth=50'],
      'main\n',
    ).bytes;
    expect(verifyPack(pack).report).toMatch(/chain length = [3-9]/);
    expectSameObjects(await readPack(pack, noBases), objects);
  });

  it('resolves a thin pack with the receiving repo’s objects, and names the bases it lacks without them', async () => {
    const range = 'main\n^main~4\n';
    const thin = cli.run(repo, ['pack-objects', '--revs', '--thin', '--stdout'], range).bytes;
    // git itself cannot index it alone: it really builds on objects outside it.
    const empty = cli.init({ bare: true });
    const alone = cli.run(empty, ['index-pack', '--stdin'], thin);
    expect(alone.status).not.toBe(0);
    expect(alone.stderr).toMatch(/unresolved delta/);

    const listed = cli.ok(repo, ['rev-list', '--objects', 'main', '^main~4']).split('\n');
    const wanted: Objects = new Map(
      listed.map((l) => l.slice(0, 40)).map((oid) => [oid, objects.get(oid)!]),
    );
    const lookups: string[] = [];
    const got = await readPack(thin, (oid) => {
      lookups.push(oid);
      return Promise.resolve(objects.get(oid));
    });
    expectSameObjects(got, wanted);
    expect(lookups.length).toBeGreaterThan(0);
    for (const oid of lookups) expect(wanted.has(oid), `${oid} is outside the pack`).toBe(false);

    const refused = readPack(thin, noBases);
    await expect(refused).rejects.toMatchObject({ code: 'missing-prerequisites' });
    const missing = ((await refused.catch((e: StewardError) => e)) as StewardError).data
      .missing as string[];
    expect(missing.length).toBeGreaterThan(0);
    for (const oid of missing) expect(objects.has(oid) && !wanted.has(oid)).toBe(true);
  });

  it('reads a hand-made pack whose deltas git accepts', async () => {
    const base = 'the quick brown fox jumps over the lazy dog\n';
    const result = 'the quick brown cat jumps over the lazy dog\n';
    const other = 'the quick brown fox jumps over the lazy emu\n';
    const first = whole(3, base);
    const pack = rawPack([
      first,
      ofsDelta(first.length, delta(base.length, result.length, [0, 16], 'cat', [19, 25])),
      refDelta(blobId(base), delta(base.length, other.length, [0, 40], 'emu\n')),
    ]);
    const bare = cli.init({ bare: true });
    cli.ok(bare, ['index-pack', '--stdin', '--strict'], pack);
    expect(cli.ok(bare, ['cat-file', 'blob', blobId(result)]) + '\n').toBe(result);
    const got = await readPack(pack, noBases);
    expect([...got.keys()].sort()).toEqual([base, result, other].map(blobId).sort());
    expect(got.get(blobId(result))!.bytes.toString()).toBe(result);
    expect(got.get(blobId(other))!.bytes.toString()).toBe(other);
  });

  describe('refuses a damaged pack with corrupt', () => {
    let good: Buffer;
    beforeAll(() => {
      good = cli.run(
        repo,
        ['pack-objects', '--revs', '--stdout', '--delta-base-offset'],
        'main\n',
      ).bytes;
    });

    const reseal = (body: Buffer): Buffer =>
      Buffer.concat([body, createHash('sha1').update(body).digest()]);
    const base = 'the quick brown fox jumps over the lazy dog\n';

    const cases: [string, () => Buffer][] = [
      ['empty', () => Buffer.alloc(0)],
      ['not a pack', () => Buffer.from('not a pack at all, just some text of forty bytes or so')],
      ['cut inside its header', () => good.subarray(0, 10)],
      ['cut just after its header', () => good.subarray(0, 12)],
      ['cut in its first object', () => good.subarray(0, 40)],
      ['cut halfway', () => good.subarray(0, good.length >> 1)],
      ['cut inside its checksum', () => good.subarray(0, good.length - 7)],
      ['missing its last byte', () => good.subarray(0, good.length - 1)],
      [
        'one byte flipped in the middle',
        () => {
          const bad = Buffer.from(good);
          bad[bad.length >> 1]! ^= 0x40;
          return bad;
        },
      ],
      ['trailing garbage', () => Buffer.concat([good, Buffer.from('garbage')])],
      [
        'version 4',
        () => {
          const body = Buffer.from(good.subarray(0, -20));
          body.writeUInt32BE(4, 4);
          return reseal(body);
        },
      ],
      [
        'more objects claimed than it holds',
        () => {
          const body = Buffer.from(good.subarray(0, -20));
          body.writeUInt32BE(body.readUInt32BE(8) + 1, 8);
          return reseal(body);
        },
      ],
      [
        'fewer objects claimed than it holds',
        () => {
          const body = Buffer.from(good.subarray(0, -20));
          body.writeUInt32BE(body.readUInt32BE(8) - 1, 8);
          return reseal(body);
        },
      ],
      [
        'a zlib stream that does not inflate',
        () => rawPack([Buffer.concat([header(3, 5), Buffer.from('not zlib data')])]),
      ],
      [
        'an object whose size is not the one declared',
        () => rawPack([Buffer.concat([header(3, 9), deflateSync(Buffer.from('five!'))])]),
      ],
      [
        'an object of type 5',
        () => rawPack([Buffer.concat([header(5, 3), deflateSync(Buffer.from('abc'))])]),
      ],
      [
        'a delta whose base has another size',
        () => rawPack([whole(3, base), refDelta(blobId(base), delta(base.length + 1, 3, 'abc'))]),
      ],
      [
        'a delta copying past its base',
        () => rawPack([whole(3, base), refDelta(blobId(base), delta(base.length, 60, [0, 60]))]),
      ],
      [
        'a delta longer than it says',
        () => rawPack([whole(3, base), refDelta(blobId(base), delta(base.length, 2, 'abc'))]),
      ],
      [
        'a delta shorter than it says',
        () => rawPack([whole(3, base), refDelta(blobId(base), delta(base.length, 9, 'abc'))]),
      ],
      [
        'a delta with the reserved opcode',
        () => rawPack([whole(3, base), refDelta(blobId(base), Buffer.from([base.length, 1, 0]))]),
      ],
      // An offset delta's base can only be inside the pack: one pointing elsewhere is damage,
      // not a history the receiver lacks.
      [
        'an offset delta pointing before the pack',
        () => rawPack([ofsDelta(500, delta(base.length, 3, 'abc'))]),
      ],
      [
        'an offset delta pointing into the middle of an object',
        () => {
          const first = whole(3, base);
          return rawPack([first, ofsDelta(first.length - 3, delta(base.length, 3, 'abc'))]);
        },
      ],
    ];

    it.each(cases)('%s', async (_, make) => {
      expect(await codeOf(readPack(make(), (oid) => Promise.resolve(objects.get(oid))))).toBe(
        'corrupt',
      );
    });
  });
});
