// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { identityFileName } from '../../../renderer/settings/IdentitySettings';
import { alice, bob } from './fake-client';
import { renderApp } from './render-app';
import { HostFake } from './setup-fake';

/** Blobs handed to the browser's download, by file name. */
const downloads = new Map<string, Blob>();

beforeEach(() => {
  downloads.clear();
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
  let last: Blob | undefined;
  vi.stubGlobal('URL', {
    ...URL,
    createObjectURL: (blob: Blob) => {
      last = blob;
      return 'blob:test';
    },
    revokeObjectURL: () => undefined,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    if (last) downloads.set(this.download, last);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const signedInHost = () => {
  const client = new HostFake().returning();
  client.signInAs(alice);
  return client;
};

describe('Settings', () => {
  it('shows the identity and exports it as <name>.steward-identity.json', async () => {
    const client = signedInHost();
    renderApp(client, '#/settings');
    expect((await screen.findByTestId('settings-identity-name')).textContent).toBe('Alice');
    expect(screen.getByTestId('settings-identity-key').textContent).toBe(alice.publicKey);
    fireEvent.click(screen.getByTestId('identity-export'));
    await waitFor(() => expect(downloads.has('Alice-Smith.steward-identity.json')).toBe(true));
    expect(await downloads.get('Alice-Smith.steward-identity.json')!.text()).toBe(
      '{"sealed":true}',
    );
  });

  it('replaces the key after a confirmation, and says which wrong passphrase stopped it', async () => {
    const client = signedInHost();
    renderApp(client, '#/settings');
    const passphrase = await screen.findByTestId<HTMLInputElement>('rotate-passphrase');
    fireEvent.change(passphrase, { target: { value: 'not it' } });
    fireEvent.click(screen.getByTestId('rotate-submit'));
    // The first click asks to confirm; nothing is sent yet.
    expect(client.calls.filter((c) => c.channel === 'identity:rotate')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('rotate-submit'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/passphrase/i);
    fireEvent.change(passphrase, { target: { value: client.passphrase } });
    fireEvent.click(screen.getByTestId('rotate-submit'));
    expect((await screen.findByTestId('rotate-done')).textContent).toContain(
      'NNNN NNNN NNNN NNNN … NNNN',
    );
    expect(client.calls.filter((c) => c.channel === 'identity:rotate')).toHaveLength(2);
  });

  it("shows the key's fingerprint beside the whole key", async () => {
    const client = new HostFake().returning();
    const me = { ...alice, publicKey: 'Zm9vYmFyMDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3A' };
    client.signInAs(me);
    renderApp(client, '#/settings');
    expect((await screen.findByTestId('settings-identity-fingerprint')).textContent).toBe(
      'Zm9v YmFy MDEy MzQ1 … ub3A',
    );
    expect(screen.getByTestId('settings-identity-key').textContent).toBe(me.publicKey);
  });

  it('offers no key replacement where the identity is not a member (the demo)', async () => {
    const client = signedInHost();
    client.session = { ...client.session, member: false };
    client.app = { ...client.app, group: { dir: '/g/demo', name: 'Demo', demo: true } };
    renderApp(client, '#/settings');
    expect(await screen.findByTestId('rotate-not-member')).toBeDefined();
    expect(screen.queryByTestId('rotate-submit')).toBeNull();
  });

  it('shows the group folder and the version from the app', async () => {
    renderApp(signedInHost(), '#/settings');
    expect((await screen.findByTestId('settings-version')).textContent).toBe('1.2.3');
    expect(screen.getByTestId('settings-folder').textContent).toBe(
      '/home/alice/.steward/groups/the-collective',
    );
  });

  it('offers no export to a participant, who holds no identity on this machine', async () => {
    const client = new HostFake().returning().signInAs(bob);
    client.session = { ...client.session, host: false };
    renderApp(client, '#/settings');
    expect((await screen.findByTestId('settings-identity-name')).textContent).toBe('Bob');
    expect(screen.queryByTestId('identity-export')).toBeNull();
    expect(screen.queryByTestId('settings-folder')).toBeNull();
  });

  it('keeps the theme chosen and applies it to the page, following the system by default', async () => {
    renderApp(signedInHost(), '#/settings');
    const system = await screen.findByTestId<HTMLInputElement>('theme-system');
    expect(system.checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBeUndefined();
    fireEvent.click(screen.getByTestId('theme-dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(window.localStorage.getItem('steward.theme')).toBe('dark');
    cleanup();
    delete document.documentElement.dataset.theme;
    // A new start of the app applies what was chosen.
    renderApp(signedInHost(), '#/settings');
    expect((await screen.findByTestId<HTMLInputElement>('theme-dark')).checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByTestId('theme-system'));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(window.localStorage.getItem('steward.theme')).toBeNull();
  });
});

describe('identityFileName', () => {
  it.each([
    ['Alice', 'Alice.steward-identity.json'],
    ['Zoë Ng', 'Zoë-Ng.steward-identity.json'],
    ['../../etc/passwd', 'etc-passwd.steward-identity.json'],
    ['///', 'identity.steward-identity.json'],
  ])('names %j as %j', (name, file) => expect(identityFileName(name)).toBe(file));
});
