/**
 * The API server mounted in this process, for what needs its insides: the bound on sessions
 * kept, and a model import stopped midway.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api } from '../../electron/core/api/api';
import { Workspace } from '../../electron/core/api/workspace';
import { mountApi } from '../../electron/core/server/api-http';
import { createHttpServer } from '../../electron/core/server/http';
import { tempDir } from '../helpers/cli';
import { ApiClient } from '../helpers/ui-group';
import { until } from '../helpers/until';

/** A cookie-less request from `from`, another loopback address: another machine. */
const send = (url: string, from: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      localAddress: from,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });

describe('the API server in this process', () => {
  it('keeps a bounded number of sessions when clients drop their cookies', async () => {
    const server = createHttpServer();
    const api = new Api({ workspace: new Workspace(tempDir()), transport: 'http', version: '1' });
    const mounted = mountApi(server, { api });
    const url = await server.listen();
    try {
      const kept = new ApiClient(url);
      const call = () =>
        fetch(`${url}/api/invoke/app:version`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      await kept.ok('session:lock');
      for (let i = 0; i < 300; i++) {
        expect((await call()).status).toBe(200);
      }
      // One address keeps at most 32 sessions that hold nothing, and the table 256 in all.
      expect(mounted.sessions).toBeLessThanOrEqual(256);
      expect(mounted.sessions).toBe(32);
    } finally {
      await mounted.close();
      await server.close();
    }
  });

  it('keeps 256 sessions in all when many addresses drop their cookies', async () => {
    const server = createHttpServer();
    const api = new Api({ workspace: new Workspace(tempDir()), transport: 'http', version: '1' });
    const mounted = mountApi(server, { api });
    const url = await server.listen();
    try {
      // Ten machines of the room (no code asked), thirty new browsers each.
      for (let machine = 20; machine < 30; machine++)
        for (let i = 0; i < 30; i++)
          expect(await send(`${url}/api/invoke/app:version`, `127.0.0.${machine}`)).toBe(200);
      expect(mounted.sessions).toBe(256);
    } finally {
      await mounted.close();
      await server.close();
    }
  });

  it("stops a model import on the host's word, and keeps nothing of it", async () => {
    const home = tempDir();
    const dir = join(tempDir(), 'big');
    mkdirSync(join(dir, 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{}\n');
    writeFileSync(join(dir, 'onnx', 'model.onnx'), randomBytes(200_000_000));
    const server = createHttpServer();
    const api = new Api({ workspace: new Workspace(home), transport: 'http', version: '1' });
    const mounted = mountApi(server, { api, hostToken: 'host-token' });
    const url = await server.listen();
    try {
      const host = await new ApiClient(url).asHost(`${url}/host?token=host-token`);
      const stranger = new ApiClient(url);
      const arg = { runId: 'import-1', dir, model: 'big', version: '1' };
      const importing = host.call('models:import', arg);
      const tmp = join(home, 'models', 'blobs', 'tmp');
      await until(() => existsSync(tmp) && readdirSync(tmp).length > 0, 20_000);
      // Another session cannot stop it; the host can.
      expect(await stranger.ok('models:cancel', { runId: 'import-1' })).toEqual({
        cancelled: false,
      });
      expect(await host.ok('models:cancel', { runId: 'import-1' })).toEqual({ cancelled: true });
      const answer = await importing;
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('cancelled');
      expect(readdirSync(join(home, 'models', 'blobs', 'sha256'))).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
      expect(existsSync(join(home, 'models', 'manifests', 'big'))).toBe(false);
    } finally {
      await mounted.close();
      await server.close();
    }
  }, 60_000);
});
