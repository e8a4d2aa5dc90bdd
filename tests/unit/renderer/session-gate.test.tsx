// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, bob, FakeClient, groupState } from './fake-client';
import { HostFake } from './setup-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('SessionGate', () => {
  it('asks for the session code, says why a wrong one fails, then offers sign-in', async () => {
    const client = new FakeClient(groupState());
    client.session = { ...client.session, needsCode: true };
    renderApp(client);
    fireEvent.change(await screen.findByTestId('join-code'), { target: { value: '9999' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "That is not the session code. Check it on the host's screen and try again.",
    );
    fireEvent.change(screen.getByTestId('join-code'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect(await screen.findByTestId('signin-readonly')).toBeDefined();
    expect(client.callsTo('session:join')).toEqual([{ code: '9999' }, { code: '1234' }]);
  });

  it('unlocks the local identity and shows who is signed in, until Lock', async () => {
    const client = new FakeClient(groupState());
    client.session = { ...client.session, localIdentity: client.local };
    renderApp(client);
    expect(await screen.findByText('Unlock Alice')).toBeDefined();
    fireEvent.change(screen.getByTestId('signin-passphrase'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByTestId('signin-unlock'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase does not open this identity.',
    );
    fireEvent.change(screen.getByTestId('signin-passphrase'), { target: { value: 'open sesame' } });
    fireEvent.click(screen.getByTestId('signin-unlock'));
    expect((await screen.findByTestId('session-name')).textContent).toBe('Alice');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('The Collective');
    fireEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByTestId('signin-unlock')).toBeDefined();
  });

  it('offers to remember the passphrase where the desktop app can, and not elsewhere', async () => {
    const plain = new FakeClient(groupState());
    plain.session = { ...plain.session, localIdentity: plain.local };
    renderApp(plain);
    await screen.findByText('Unlock Alice');
    expect(screen.queryByTestId('signin-remember')).toBeNull();
    fireEvent.change(screen.getByTestId('signin-passphrase'), { target: { value: 'open sesame' } });
    fireEvent.click(screen.getByTestId('signin-unlock'));
    await screen.findByTestId('session-name');
    expect(plain.callsTo('session:unlock')).toEqual([{ passphrase: 'open sesame' }]);
    cleanup();

    const desktop = new HostFake().returning();
    desktop.session = {
      ...desktop.session,
      transport: 'electron',
      passphrase: { canRemember: true, remembered: false },
    };
    renderApp(desktop);
    fireEvent.click(await screen.findByTestId('signin-remember'));
    fireEvent.change(screen.getByTestId('signin-passphrase'), { target: { value: 'open sesame' } });
    fireEvent.click(screen.getByTestId('signin-unlock'));
    await screen.findByTestId('session-name');
    expect(desktop.callsTo('session:unlock')).toEqual([
      { passphrase: 'open sesame', remember: true },
    ]);
  });

  it('forgets a remembered passphrase from Settings', async () => {
    const client = new HostFake().returning().signInAs(alice);
    client.session = { ...client.session, passphrase: { canRemember: true, remembered: true } };
    renderApp(client, '#/settings');
    fireEvent.click(await screen.findByTestId('settings-forget-passphrase'));
    await waitFor(() => expect(screen.queryByTestId('settings-remembered')).toBeNull());
    expect(client.callsTo('session:forget')).toEqual([{}]);
  });

  it('unlocks a brought identity file', async () => {
    const client = new FakeClient(groupState());
    renderApp(client);
    expect(screen.queryByTestId('signin-passphrase')).toBeNull();
    const file = new File([JSON.stringify(bob)], 'bob.json', { type: 'application/json' });
    fireEvent.change(await screen.findByTestId('signin-file'), { target: { files: [file] } });
    fireEvent.change(screen.getByTestId('signin-file-passphrase'), {
      target: { value: 'open sesame' },
    });
    fireEvent.click(screen.getByTestId('signin-file-unlock'));
    expect((await screen.findByTestId('session-name')).textContent).toBe('Bob');
    expect(client.callsTo('session:unlockFile')).toEqual([
      { identity: JSON.stringify(bob), passphrase: 'open sesame' },
    ]);
  });

  it('has navigation links by name', async () => {
    renderApp(new FakeClient(groupState()).signInAs(alice));
    for (const name of ['Home', 'Proposals', 'New proposal', 'Members', 'Models'])
      expect(await screen.findByRole('link', { name })).toBeDefined();
    fireEvent.click(screen.getByRole('link', { name: 'Models' }));
    expect((await screen.findAllByTestId('model-row'))[0]?.textContent).toMatch(/Alice\W+60/);
  });
});
