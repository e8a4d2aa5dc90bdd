/**
 * The review room through the window's IPC: the window is the host, so it opens and closes the
 * room and chooses what is on the wall, and the room's changes reach the window as events.
 */
import { describe, expect, it } from 'vitest';
import type { ReviewView } from '../../../shared/api-types';
import { Api, type ApiSession } from '../../../electron/core/api/api';
import { Workspace } from '../../../electron/core/api/workspace';
import { ReviewRoom } from '../../../electron/core/server/review-room';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc';
import { tempDir } from '../../helpers/cli';

const setUp = () => {
  const home = tempDir();
  const opened: string[] = [];
  const room = new ReviewRoom({
    home,
    interfaces: () => ({
      eth0: [
        {
          address: '10.1.2.3',
          netmask: '255.0.0.0',
          family: 'IPv4',
          mac: '',
          internal: false,
          cidr: null,
        },
      ],
    }),
    newCode: () => 'K7Q2MXAB',
    listen: (host, port) => {
      opened.push(`${host}:${port}`);
      return Promise.resolve({ url: `http://${host}:4321`, close: () => Promise.resolve() });
    },
  });
  const api = new Api({ workspace: new Workspace(home), transport: 'electron', version: '1' });
  const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const session: ApiSession = { id: 'window', admitted: true, host: true };
  registerIpc(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    api,
    session,
    () => true,
    room,
  );
  const call = async (channel: string, arg: unknown) =>
    (await handlers.get(channel)!({}, arg)) as { result?: ReviewView; error?: { code: string } };
  return { room, api, session, call, opened };
};

describe('the review room over IPC', () => {
  it('lets the window open the room on the LAN address, and close it', async () => {
    const { call, opened } = setUp();
    expect((await call('review:get', {})).result).toEqual({
      urls: [],
      hosting: false,
      canHost: true,
    });
    const open = await call('review:host', { open: true });
    expect(open.result).toEqual({
      urls: ['http://10.1.2.3:4321'],
      code: 'K7Q2MXAB',
      hosting: true,
      canHost: true,
    });
    expect(opened).toEqual(['10.1.2.3:0']);
    expect((await call('review:host', { open: false })).result?.hosting).toBe(false);
    // The port is remembered for the next opening.
    await call('review:host', { open: true });
    expect(opened).toEqual(['10.1.2.3:0', '10.1.2.3:4321']);
  });

  it('checks the argument like every request', async () => {
    const { call } = setUp();
    expect((await call('review:host', { open: 'yes' })).error?.code).toBe('invalid-argument');
    expect((await call('review:present', { proposal: 'x' })).error?.code).toBe('invalid-argument');
  });

  it('tells the window what is on the wall', async () => {
    const { api, session, room, call } = setUp();
    const sent: [string, unknown][] = [];
    const stop = forwardEvents(api, session, (event, payload) => sent.push([event, payload]), room);
    await call('review:present', { proposal: 'ab'.repeat(32) });
    expect(sent).toEqual([['review:onDidChange', { presenting: 'ab'.repeat(32), hosting: false }]]);
    stop();
    await call('review:present', { proposal: 'cd'.repeat(32) });
    expect(sent).toHaveLength(1);
  });
});
