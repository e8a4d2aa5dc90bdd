// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alice, FakeClient, groupState } from './fake-client';
import { renderApp } from './render-app';
import { HostFake } from './setup-fake';

afterEach(cleanup);

const nav = () => screen.getByRole('navigation', { name: 'Main' });

const go = (hash: string) =>
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });

describe('Shell', () => {
  it('offers neither Lock nor New proposal to a read-only view, and a way to sign in', async () => {
    renderApp(new FakeClient(groupState()));
    fireEvent.click(await screen.findByTestId('signin-readonly'));
    expect(await screen.findByText('The Collective', { selector: '.group-name' })).toBeDefined();
    expect(within(nav()).getByRole('link', { name: 'Proposals' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'New proposal' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('signin-readonly')).toBeDefined();
  });

  it('hides New proposal from a signed-in non-member, who can still lock', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    client.session = { ...client.session, member: false };
    renderApp(client);
    expect(await screen.findByRole('button', { name: 'Lock' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'New proposal' })).toBeNull();
  });

  it('offers New proposal and Lock to a signed-in member', async () => {
    renderApp(new FakeClient(groupState()).signInAs(alice));
    expect(await screen.findByRole('link', { name: 'New proposal' })).toBeDefined();
    expect(screen.getByRole('button', { name: 'Lock' })).toBeDefined();
  });

  it('narrows the navigation to icons with the menu button, keeping each link its name', async () => {
    renderApp(new FakeClient(groupState()).signInAs(alice));
    const menu = await screen.findByRole('button', { name: 'Menu' });
    expect(menu.getAttribute('aria-controls')).toBe(nav().id);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(nav().classList.contains('rail')).toBe(false);
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(nav().classList.contains('rail')).toBe(true);
    const models = within(nav()).getByRole('link', { name: 'Models' });
    expect(models.getAttribute('title')).toBe('Models');
    fireEvent.click(menu);
    expect(nav().classList.contains('rail')).toBe(false);
  });

  it('opens each page at its top, but not when only the query changes', async () => {
    let top = 0;
    const set: number[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    Object.defineProperty(root, 'scrollTop', {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        top = value;
        set.push(value);
      },
    });
    try {
      renderApp(new FakeClient(groupState()).signInAs(alice), '#/proposals');
      await screen.findByRole('link', { name: 'Members' });
      top = 900;
      go('#/proposals?q=budget');
      expect(top).toBe(900);
      go('#/members');
      expect(top).toBe(0);
      expect(set).toEqual([0]);
    } finally {
      delete (root as { scrollTop?: number }).scrollTop;
    }
  });

  it('names the open group as the way to the group switcher where the app can switch', async () => {
    const client = new HostFake().returning().signInAs(alice);
    renderApp(client);
    const name = await screen.findByRole('link', { name: 'The Collective' });
    expect(name.getAttribute('href')).toBe('#/groups');
    const groups = within(nav()).getByRole('link', { name: 'Groups' });
    expect(groups.getAttribute('href')).toBe('#/groups');
    fireEvent.click(groups);
    go('#/groups');
    expect(groups.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Groups' })).toBeDefined();
  });

  it('offers no group switcher where the app serves one group', async () => {
    const client = new HostFake().returning().signInAs(alice);
    client.app = { ...client.app, canSwitch: false };
    renderApp(client);
    expect(await screen.findByText('The Collective', { selector: '.group-name' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'The Collective' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Groups' })).toBeNull();
  });

  it('offers no group switcher to a browser that is not the host', async () => {
    const client = new FakeClient(groupState()).signInAs(alice);
    renderApp(client);
    await screen.findByRole('link', { name: 'Members' });
    expect(screen.queryByRole('link', { name: 'Groups' })).toBeNull();
  });
});
