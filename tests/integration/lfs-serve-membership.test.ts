/**
 * A transfer token of `steward serve`'s Git LFS outlives no membership: once a passed proposal removes
 * its member, the upload or members-only download it was handed for is refused, over real HTTP with
 * real member proofs and a real removal through the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LfsBatchResponse } from '../../electron/core/lfs/types';
import { steward } from '../helpers/cli';
import { lfsServed, type LfsServed } from '../helpers/lfs-served';

describe('Git LFS transfer tokens of a removed member', () => {
  let s: LfsServed;
  beforeAll(async () => {
    s = await lfsServed();
    s.g.pass('add-member', '--title', 'Carol joins', '--key', s.carol.publicKey, '--name', 'Carol');
  });
  afterAll(() => s?.close());

  /** Carol's (or Alice's) transfer action for one object, from a batch she proves herself for. */
  const action = async (
    who: 'alice' | 'carol',
    url: string,
    op: 'upload' | 'download',
    i: number,
  ) => {
    const f = s.file(i);
    const res = await s.batch(
      url,
      { operation: op, objects: [{ oid: f.sha256, size: f.size }] },
      { authorization: await s.proof(who, url) },
    );
    expect(res.status).toBe(200);
    const object = ((await res.json()) as LfsBatchResponse).objects[0]!;
    const act = object.actions?.[op];
    if (!act) throw new Error(`no ${op} action: ${JSON.stringify(object)}`);
    return { f, href: act.href, authorization: act.header!.Authorization! };
  };

  it('refuses (403) the upload and the members-only download of a member removed after the batch', async () => {
    const upload = await action('carol', s.empty.url, 'upload', 1);
    const download = await action('carol', s.membersOnly.url, 'download', 0);
    const alices = await action('alice', s.membersOnly.url, 'download', 0);

    // Carol is removed: Alice proposes it, both vote for it, Alice closes it.
    const { id } = s.g.ok<{ id: string }>(
      'propose',
      'remove-member',
      '--title',
      'Carol leaves',
      '--member',
      'Carol',
    );
    s.g.ok('vote', id, 'yes');
    const carolVotes = steward(
      ['vote', id, 'yes', '--json'],
      { ...s.g.env(), STEWARD_HOME: s.carolHome },
      s.g.repo,
    );
    expect(carolVotes.status, carolVotes.stderr).toBe(0);
    s.g.ok('close', id);

    const put = await fetch(upload.href, {
      method: 'PUT',
      headers: { authorization: upload.authorization },
      body: upload.f.bytes,
    });
    expect(put.status).toBe(403);
    expect(((await put.json()) as { message: string }).message).toMatch(/no longer a member/);
    const got = await fetch(download.href, { headers: { authorization: download.authorization } });
    expect(got.status).toBe(403);
    expect(s.events).toContainEqual(
      expect.objectContaining({
        type: 'lfs-refused',
        operation: 'download',
        oid: download.f.sha256,
      }),
    );

    // A member's token still serves.
    const ok = await fetch(alices.href, { headers: { authorization: alices.authorization } });
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(alices.f.bytes)).toBe(true);
  });
});
