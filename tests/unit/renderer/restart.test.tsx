// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import { createConnection } from '../../../renderer/api/connection';
import { alice, FakeClient, groupState } from './fake-client';
import { HostFake } from './setup-fake';

afterEach(cleanup);

const renderWith = (client: FakeClient) => {
  const connection = createConnection();
  window.location.hash = '#/';
  render(<App client={client} connection={connection} />);
  return connection;
};

describe('a page from before the app restarted', () => {
  it('says plainly that the app was restarted and how to reopen it, on the host’s page', async () => {
    const client = new HostFake().returning().signInAs(alice);
    const connection = renderWith(client);
    expect(await screen.findByRole('button', { name: 'Lock' })).toBeDefined();
    // The restarted app knows neither this page's cookie nor its host token.
    client.session = { transport: 'http', member: false, needsCode: false, host: false };
    act(() => connection.report('back'));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Steward was restarted' }),
    ).toBeDefined();
    expect(screen.getByTestId('restarted').textContent).toMatch(
      /Open the new link it printed, or run npm start again\./,
    );
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
  });

  it('has a participant join again with the new session code', async () => {
    const client = new FakeClient(groupState());
    client.session = { ...client.session, needsCode: true };
    const connection = renderWith(client);
    fireEvent.change(await screen.findByTestId('join-code'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    fireEvent.click(await screen.findByTestId('signin-readonly'));
    await screen.findByRole('navigation', { name: 'Main' });

    client.session = { ...client.session, needsCode: true };
    client.code = '5678';
    act(() => connection.report('back'));
    expect((await screen.findByTestId('restarted')).textContent).toBe(
      'Steward was restarted, so this page must join again.',
    );
    fireEvent.change(screen.getByTestId('join-code'), { target: { value: '5678' } });
    fireEvent.click(screen.getByTestId('join-submit'));
    expect(await screen.findByTestId('signin-readonly')).toBeDefined();
    expect(screen.queryByTestId('restarted')).toBeNull();
  });

  it('has a signed-in participant sign in again when the app forgot who they were', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    const connection = renderWith(client);
    expect(await screen.findByRole('button', { name: 'Lock' })).toBeDefined();
    client.session = { ...client.session, identity: undefined, member: false };
    act(() => connection.report('back'));
    expect((await screen.findByTestId('restarted')).textContent).toBe(
      'Steward was restarted, or locked this page after a while unused: sign in again.',
    );
    fireEvent.click(screen.getByTestId('signin-readonly'));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByTestId('restarted')).toBeNull();
  });

  it('keeps its place when the app comes back without having forgotten it', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    const connection = renderWith(client);
    expect(await screen.findByRole('button', { name: 'Lock' })).toBeDefined();
    act(() => connection.report('unreachable'));
    expect((await screen.findByTestId('connection-notice')).textContent).toMatch(
      /Steward is not answering\..*Open the new link it printed, or run npm start again\./,
    );
    act(() => connection.report('back'));
    await screen.findByRole('button', { name: 'Lock' });
    expect(screen.queryByTestId('connection-notice')).toBeNull();
    expect(screen.queryByTestId('restarted')).toBeNull();
    expect(client.callsTo('session:get').length).toBeGreaterThanOrEqual(2);
  });
});
