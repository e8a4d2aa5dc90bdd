// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { httpClient, type HttpDeps } from '../../../renderer/api/http-client';
import { bridgeClient } from '../../../renderer/api/bridge-client';
import { humanMessage } from '../../../renderer/api/errors';
import { createConnection, type ConnectionState } from '../../../renderer/api/connection';

type Sent = { url: string; init: RequestInit };

class FakeSocket {
  static opened: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

const deps = (answer: (url: string) => Response) => {
  const sent: Sent[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  FakeSocket.opened = [];
  const d: HttpDeps = {
    fetch: (url, init) => {
      const href = url instanceof Request ? url.url : url.toString();
      sent.push({ url: href, init: init ?? {} });
      return Promise.resolve(answer(href));
    },
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    location: { protocol: 'https:', host: 'peer.local:8080' },
    setTimeout: (run, ms) => timers.push({ run, ms }),
  };
  return { d, sent, timers };
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('httpClient', () => {
  it('posts the argument as JSON to the channel and returns the result', async () => {
    const { d, sent } = deps(() => json(200, { result: { version: '1.2.3' } }));
    const result = await httpClient(d).invoke('app:version', {});
    expect(result).toEqual({ version: '1.2.3' });
    expect(sent[0]?.url).toBe('/api/invoke/app:version');
    expect(sent[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
  });

  it.each([
    [403, { error: { code: 'not-a-member', message: 'no', data: { who: 'x' } } }, 'not-a-member'],
    [401, { error: { code: 'unauthorized', message: 'code?', data: {} } }, 'unauthorized'],
    [500, { error: { code: 'made-up', message: 'odd', data: {} } }, 'internal'],
    [502, 'Bad gateway', 'internal'],
  ])('rejects a %i answer with its code', async (status, body, code) => {
    const { d } = deps(() =>
      typeof body === 'string' ? new Response(body, { status }) : json(status, body),
    );
    const error = (await httpClient(d)
      .invoke('session:join', { code: '1' })
      .catch((e: unknown) => e)) as { code: string; message: string; data: unknown };
    expect(error.code).toBe(code);
    expect(typeof error.message).toBe('string');
    expect(error.data).toBeTypeOf('object');
  });

  it('tells the app out of reach from a peer the app could not reach', async () => {
    const { d } = deps(() => json(500, {}));
    const down = httpClient({
      ...d,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const unreachable = await down.invoke('app:version', {}).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'network', data: { transport: true } });
    expect(humanMessage(unreachable)).toBe(
      'Could not reach the app. Check the connection and try again.',
    );
    const { d: up } = deps(() =>
      json(500, {
        error: { code: 'network', message: 'cannot reach git.example.org (ENOTFOUND)', data: {} },
      }),
    );
    const peer = await httpClient(up)
      .invoke('sync:run', { runId: 'r', target: 'forge' })
      .catch((e: unknown) => e);
    expect(humanMessage(peer)).toBe('cannot reach git.example.org (ENOTFOUND)');
  });

  it('delivers events from one socket and reconnects with growing delays', () => {
    const { d, timers } = deps(() => json(200, {}));
    const client = httpClient(d);
    const heads: string[] = [];
    const stop = client.on('group:onDidChange', ({ head }) => heads.push(head));
    expect(FakeSocket.opened.map((s) => s.url)).toEqual(['wss://peer.local:8080/api/events']);
    const first = FakeSocket.opened[0]!;
    first.onmessage?.({
      data: JSON.stringify({ event: 'group:onDidChange', payload: { head: 'abc' } }),
    });
    first.onmessage?.({ data: JSON.stringify({ event: 'nope', payload: {} }) });
    expect(heads).toEqual(['abc']);

    first.onclose?.();
    timers.shift()?.run();
    FakeSocket.opened[1]!.onclose?.();
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers.shift()?.run();
    expect(FakeSocket.opened).toHaveLength(3);
    FakeSocket.opened[2]!.onmessage?.({
      data: JSON.stringify({ event: 'group:onDidChange', payload: { head: 'def' } }),
    });
    expect(heads).toEqual(['abc', 'def']);
    stop();
    expect(FakeSocket.opened[2]!.closed).toBe(true);
  });
});

describe('httpClient after the app went away', () => {
  const watched = () => {
    const connection = createConnection();
    const seen: ConnectionState[] = [];
    connection.subscribe((state) => seen.push(state));
    return { connection, seen };
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('asks who it is before reopening a dropped socket, so a restarted app admits it again', async () => {
    let up = false;
    const { d, sent, timers } = deps(() => json(200, { result: {} }));
    const { connection, seen } = watched();
    const client = httpClient({
      ...d,
      connection,
      fetch: (url, init) =>
        up ? d.fetch(url, init) : Promise.reject(new TypeError('Failed to fetch')),
    });
    client.on('group:onDidChange', () => undefined);
    FakeSocket.opened[0]!.onopen?.();
    FakeSocket.opened[0]!.onclose?.();

    // Nothing answers: the page says so and keeps trying.
    timers.shift()?.run();
    await flush();
    expect(seen).toEqual(['unreachable']);
    expect(connection.state()).toBe('unreachable');
    FakeSocket.opened[1]!.onclose?.();

    // The app is back (restarted: the old cookie is gone): a request first, then the socket.
    up = true;
    timers.shift()?.run();
    await flush();
    expect(sent.map((s) => s.url)).toEqual(['/api/invoke/session:get']);
    expect(seen).toEqual(['unreachable', 'back']);
    expect(FakeSocket.opened).toHaveLength(3);
  });

  it('reports a request that reached nothing, and the first answer after it', async () => {
    let up = false;
    const { d } = deps(() => json(200, { result: { version: '1' } }));
    const { connection, seen } = watched();
    const client = httpClient({
      ...d,
      connection,
      fetch: (url, init) =>
        up ? d.fetch(url, init) : Promise.reject(new TypeError('Failed to fetch')),
    });
    await client.invoke('app:version', {}).catch((e: unknown) => e);
    expect(seen).toEqual(['unreachable']);
    up = true;
    await client.invoke('app:version', {});
    await client.invoke('app:version', {});
    expect(seen).toEqual(['unreachable', 'back']);
  });

  it('reopens a socket that never opened without asking anything first', () => {
    const { d, sent, timers } = deps(() => json(200, {}));
    const { connection, seen } = watched();
    httpClient({ ...d, connection }).on('group:onDidChange', () => undefined);
    FakeSocket.opened[0]!.onclose?.();
    timers.shift()?.run();
    expect(sent).toEqual([]);
    expect(seen).toEqual([]);
    expect(FakeSocket.opened).toHaveLength(2);
  });
});

describe('bridgeClient', () => {
  it('rebuilds the code of an error that crossed Electron IPC as text', async () => {
    const client = bridgeClient({
      invoke: () =>
        Promise.reject(
          new Error(
            `Error invoking remote method 'proposals:vote': Error: ${JSON.stringify({ code: 'deadline-passed', message: 'late', data: {} })}`,
          ),
        ),
      on: () => () => undefined,
    });
    const error = await client
      .invoke('proposals:vote', { proposal: 'abcdef', choice: 'yes' })
      .catch((e: unknown) => e);
    expect(humanMessage(error)).toBe('The voting window has closed.');
  });
});

describe('humanMessage', () => {
  it.each([
    [
      { code: 'not-a-member', message: 'x', data: {} },
      'You are not a member of this group, so you cannot write.',
    ],
    [
      { code: 'unauthorized', message: 'x', data: {} },
      "Enter the session code shown on the host's screen.",
    ],
    [{ code: 'corrupt', message: 'pack is corrupt', data: {} }, 'pack is corrupt'],
    [new Error('boom'), 'boom'],
  ])('says %o as %s', (error, text) => {
    expect(humanMessage(error)).toBe(text);
  });
});
