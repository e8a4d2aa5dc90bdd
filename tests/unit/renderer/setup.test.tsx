// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './render-app';
import { HostFake } from './setup-fake';

afterEach(cleanup);

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('the guided start', () => {
  it('creates an identity, founds a group and lands on Home signed in as a member', async () => {
    const client = new HostFake();
    renderApp(client, '#/members');
    expect(await screen.findByRole('heading', { name: 'Create your identity' })).toBeDefined();
    type('setup-name', 'Alice');
    type('setup-passphrase', 'short');
    type('setup-passphrase-again', 'short');
    fireEvent.click(screen.getByTestId('setup-create'));
    expect((await screen.findByTestId('setup-passphrase-problem')).textContent).toMatch(/8/);
    type('setup-passphrase', 'correct horse');
    type('setup-passphrase-again', 'correct hose');
    expect(screen.getByTestId('setup-passphrase-problem').textContent).toMatch(/differ/);
    type('setup-passphrase-again', 'correct horse');
    fireEvent.click(screen.getByTestId('setup-create'));

    expect(await screen.findByRole('heading', { name: 'Found a group' })).toBeDefined();
    expect(client.callsTo('identity:create')).toEqual([
      { name: 'Alice', passphrase: 'correct horse' },
    ]);
    type('group-name', 'Riverside Lab');
    type('group-hours', '48');
    fireEvent.click(screen.getByTestId('group-found'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Riverside Lab' })).toBeDefined();
    expect(window.location.hash).toBe('#/');
    expect(screen.getByTestId('session-name').textContent).toBe('Alice');
    expect(client.callsTo('group:found')).toEqual([
      { name: 'Riverside Lab', votingPeriodHours: 48 },
    ]);
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('imports an identity file, refusing a wrong passphrase with its reason', async () => {
    const client = new HostFake();
    renderApp(client);
    const file = new File(['{"sealed":true}'], 'alice.steward-identity.json');
    fireEvent.change(await screen.findByTestId('setup-import-file'), {
      target: { files: [file] },
    });
    type('setup-import-passphrase', 'nope');
    fireEvent.click(screen.getByTestId('setup-import'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That passphrase does not open this identity.',
    );
    type('setup-import-passphrase', 'open sesame');
    fireEvent.click(screen.getByTestId('setup-import'));
    expect(await screen.findByRole('heading', { name: 'Join a group' })).toBeDefined();
    expect(client.callsTo('identity:import')).toContainEqual({
      identity: '{"sealed":true}',
      passphrase: 'open sesame',
    });
  });

  it('joins a group from the source given', async () => {
    const client = new HostFake();
    client.app = { ...client.app, hasIdentity: true };
    client.signInAs(client.local);
    renderApp(client);
    type(await screenTestId('group-join-source'), 'http://10.0.0.2:7420/');
    fireEvent.click(screen.getByTestId('group-join'));
    expect(await screen.findByRole('heading', { level: 1, name: 'The Collective' })).toBeDefined();
    expect(client.callsTo('group:join')).toEqual([{ source: 'http://10.0.0.2:7420/' }]);
  });

  it('opens the demo group read-only and says on every screen that it is the demo', async () => {
    const client = new HostFake();
    renderApp(client);
    fireEvent.click(await screen.findByTestId('setup-readonly'));
    expect(screen.getByTestId<HTMLButtonElement>('group-found').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('group-demo'));
    expect((await screen.findByTestId('demo-banner')).textContent).toMatch(/Demo group/);
    await waitFor(() => expect(window.location.hash).toBe('#/'));
    fireEvent.click(screen.getByRole('link', { name: 'Members' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeDefined();
    expect(screen.getByTestId('demo-banner')).toBeDefined();
  });

  it('shows the unlock, not the setup, to a returning host', async () => {
    const client = new HostFake().returning();
    renderApp(client);
    expect(await screen.findByText('Unlock Alice')).toBeDefined();
    expect(screen.queryByTestId('setup-create')).toBeNull();
    type('signin-passphrase', 'open sesame');
    fireEvent.click(screen.getByTestId('signin-unlock'));
    expect(await screen.findByRole('heading', { level: 1, name: 'The Collective' })).toBeDefined();
  });

  it('never offers to found or join when the host serves one group', async () => {
    const client = new HostFake();
    client.app = { ...client.app, hasIdentity: true, canSwitch: false };
    client.signInAs(client.local);
    renderApp(client);
    expect(await screen.findByText(/serves one group/)).toBeDefined();
    expect(screen.queryByTestId('group-found')).toBeNull();
    expect(screen.queryByTestId('group-join')).toBeNull();
  });

  it('never shows the setup to a participant who is not the host', async () => {
    const client = new HostFake();
    client.session = { ...client.session, host: false };
    renderApp(client);
    expect(await screen.findByTestId('signin-readonly')).toBeDefined();
    expect(screen.queryByTestId('setup-create')).toBeNull();
    expect(client.callsTo('app:get')).toEqual([]);
  });
});

const screenTestId = async (id: string): Promise<string> => {
  await screen.findByTestId(id);
  return id;
};
