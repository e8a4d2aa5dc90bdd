/**
 * The window's IPC as main registers it: a handler for every allowlisted channel and no other,
 * each refusing a sender outside the app, every answer an envelope, errors with their code.
 */
import { describe, expect, it } from 'vitest';
import { requestChannels } from '../../../shared/api-channels';
import { Api, type ApiSession } from '../../../electron/core/api/api';
import { Workspace } from '../../../electron/core/api/workspace';
import { forwardEvents, registerIpc } from '../../../electron/main/ipc';
import { tempDir } from '../../helpers/cli';

const setUp = () => {
  const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const api = new Api({
    workspace: new Workspace(tempDir()),
    transport: 'electron',
    version: '9.9.9',
  });
  const session: ApiSession = { id: 'window', admitted: true, host: true };
  registerIpc(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    api,
    session,
    (event) => (event as { fromApp: boolean }).fromApp,
  );
  const call = (channel: string, arg: unknown, fromApp = true) =>
    handlers.get(channel)!({ fromApp }, arg);
  return { handlers, api, session, call };
};

describe('the IPC of the main process', () => {
  it('handles exactly the allowlisted channels', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...requestChannels].sort());
  });

  it('answers in an envelope, with the error code when a request fails', async () => {
    const { call } = setUp();
    expect(await call('app:version', {})).toEqual({ result: { version: '9.9.9' } });
    expect(await call('group:get', {})).toMatchObject({ error: { code: 'not-a-repo' } });
    expect(await call('proposals:vote', { proposal: 'zz' })).toMatchObject({
      error: { code: 'invalid-argument' },
    });
    const app = (await call('app:get', {})) as {
      result: { hasIdentity: boolean; canSwitch: boolean };
    };
    expect(app.result).toMatchObject({ hasIdentity: false, canSwitch: true });
  });

  it('refuses a sender that is not the app’s page, before anything runs', async () => {
    const { call } = setUp();
    const answer = await call(
      'identity:create',
      { name: 'Eve', passphrase: 'long enough pass' },
      false,
    );
    expect(answer).toMatchObject({ error: { code: 'unauthorized' } });
    expect(
      ((await call('app:get', {})) as { result: { hasIdentity: boolean } }).result.hasIdentity,
    ).toBe(false);
  });

  it('keeps the key in main: the identity is created and unlocked there, never returned', async () => {
    const { call, session } = setUp();
    const created = (await call('identity:create', {
      name: 'Ada',
      passphrase: 'long enough pass',
    })) as {
      result: Record<string, unknown>;
    };
    expect(created.result).toMatchObject({ identity: { name: 'Ada' }, host: true });
    expect(JSON.stringify(created)).not.toMatch(/seed|private|sealed/i);
    expect(session.signer?.name).toBe('Ada');
    const founded = (await call('group:found', { name: 'Ada’s lab' })) as {
      result: { group: { name: string } };
    };
    expect(founded.result.group.name).toBe('Ada’s lab');
  });

  it('forwards events for every client and for the window, not for other sessions', () => {
    const { api, session } = setUp();
    const sent: string[] = [];
    forwardEvents(api, session, (event) => sent.push(event));
    const emit = (
      api as unknown as { context: { emit: (e: string, p: unknown, s?: string) => void } }
    ).context.emit;
    emit('group:onDidChange', { head: 'a' });
    emit('models:onDidToken', { runId: 'r', text: 'x' }, 'window');
    emit('models:onDidToken', { runId: 'r', text: 'y' }, 'someone-else');
    expect(sent).toEqual(['group:onDidChange', 'models:onDidToken']);
  });
});
