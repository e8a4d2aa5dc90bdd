/**
 * `pushVersion` to a forge-like Git LFS server written here: objects it lacks are PUT with the
 * action's headers, the type and length, then verified; objects it has get no action and are not
 * sent; a refused upload, an error per object and a link to another scheme stop the push by name;
 * a folder target gets the LFS layout.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../electron/core/ledger/ledger';
import { pushVersion } from '../../electron/core/lfs/push';
import { ModelStore } from '../../electron/core/models/store';
import type { DerivedState } from '../../shared/derive/state';
import { tempDir } from '../helpers/cli';
import { modelGroup, type ModelGroup } from '../helpers/model-group';

let g: ModelGroup;
let state: DerivedState;
let store: ModelStore;

type Mode = 'accept' | 'refuse-put' | 'object-error' | 'scheme';
const forge = {
  url: '',
  mode: 'accept' as Mode,
  held: new Map<string, Buffer>(),
  puts: [] as { oid: string; headers: IncomingHttpHeaders }[],
  verified: [] as string[],
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const put = /^\/upload\/([0-9a-f]{64})$/.exec(req.url ?? '');
    if (req.method === 'PUT' && put) {
      forge.puts.push({ oid: put[1]!, headers: req.headers });
      if (forge.mode === 'refuse-put') return void res.writeHead(507).end('full');
      forge.held.set(put[1]!, body);
      return void res.writeHead(200).end();
    }
    if (req.url === '/verify') {
      const { oid } = JSON.parse(body.toString()) as { oid: string };
      forge.verified.push(oid);
      return void res.writeHead(forge.held.has(oid) ? 200 : 404).end();
    }
    const ask = JSON.parse(body.toString()) as { objects: { oid: string; size: number }[] };
    res.writeHead(200, { 'Content-Type': 'application/vnd.git-lfs+json' });
    res.end(
      JSON.stringify({
        objects: ask.objects.map((o) =>
          forge.mode === 'object-error'
            ? { ...o, error: { code: 422, message: 'too large for this plan' } }
            : forge.held.has(o.oid)
              ? o
              : {
                  ...o,
                  actions: {
                    upload: {
                      href:
                        forge.mode === 'scheme'
                          ? `ftp://x/${o.oid}`
                          : `${forge.url}/upload/${o.oid}`,
                      header: { 'X-Upload-Token': 'secret' },
                    },
                    verify: { href: `${forge.url}/verify` },
                  },
                },
        ),
      }),
    );
  });
});

beforeAll(async () => {
  g = await modelGroup();
  state = (await (await Ledger.open(g.repo)).load(new Date())).state;
  store = new ModelStore(join(g.home, 'models'));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  forge.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 90_000);

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const push = (version = 'bert') =>
  pushVersion({
    store,
    state,
    model: version,
    version: '1.0',
    target: { kind: 'http', name: 'forge', url: `${forge.url}/info/lfs` },
    auth: { credentials: { username: 'bob', password: 'token' } },
  });

describe('pushVersion over Git LFS', () => {
  it('uploads what the forge lacks, with the headers the action gave, then verifies it', async () => {
    const one = g.imported.bert[0]!;
    forge.held.set(one.sha256, readFileSync(store.blobPath(one.sha256)));
    const r = await push();
    expect(r.uploaded).toBe(g.imported.bert.length - 1);
    expect(r.files.find((f) => f.sha256 === one.sha256)!.status).toBe('already-there');
    expect(forge.puts.map((p) => p.oid)).not.toContain(one.sha256);
    for (const p of forge.puts) {
      expect(p.headers['x-upload-token']).toBe('secret');
      expect(p.headers['content-type']).toBe('application/octet-stream');
      const size = g.imported.bert.find((f) => f.sha256 === p.oid)!.size;
      expect(p.headers['content-length']).toBe(String(size));
      const sha = createHash('sha256').update(forge.held.get(p.oid)!).digest('hex');
      expect(sha).toBe(p.oid);
    }
    expect(forge.verified.sort()).toEqual(forge.puts.map((p) => p.oid).sort());
    expect(r.bytes).toBe(g.imported.bert.filter((f) => f !== one).reduce((n, f) => n + f.size, 0));
  });

  it.each([
    ['refuse-put', /forge refused the upload with HTTP 507/],
    ['object-error', /forge has no copy to upload \(LFS error 422: too large for this plan\)/],
    ['scheme', /forge answered an upload link with ftp:, not http\(s\)/],
  ] as const)('stops, by name, when the forge answers %s', async (mode, reason) => {
    forge.mode = mode;
    try {
      await expect(push('gpt')).rejects.toMatchObject({
        code: 'push-rejected',
        message: expect.stringMatching(reason) as unknown,
      });
    } finally {
      forge.mode = 'accept';
    }
  });

  it("writes a folder target in Git LFS's layout", async () => {
    const dir = tempDir('steward-push-folder-');
    const r = await pushVersion({
      store,
      state,
      model: 'gpt',
      version: '1.0',
      target: { kind: 'folder', name: 'stick', dir },
      auth: {},
    });
    expect(r.uploaded).toBe(new Set(g.imported.gpt.map((f) => f.sha256)).size);
    for (const f of g.imported.gpt)
      expect(
        existsSync(
          join(dir, 'lfs', 'objects', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256),
        ),
      ).toBe(true);
  });
});
