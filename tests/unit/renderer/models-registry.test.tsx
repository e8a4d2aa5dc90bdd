// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { bob } from './fake-client';
import { approval, ModelsClient, registration, sha } from './models-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

const rowOf = async (slug: string): Promise<HTMLElement> => {
  await screen.findAllByTestId('model-row');
  const el = screen.getAllByTestId('model-row').find((r) => r.dataset.slug === slug);
  if (!el) throw new Error(`no row for ${slug}`);
  return el;
};
const row = async (slug: string) => within(await rowOf(slug));

const statusOf = (r: { getAllByTestId: (id: string) => HTMLElement[] }, version: string) =>
  r.getAllByTestId('model-status').find((s) => s.dataset.version === version);

describe('ModelsView registry', () => {
  it('shows each model with licence, owners’ shares, versions, lineage, approvals and hashes', async () => {
    renderApp(new ModelsClient().asHost(), '#/models');
    const gpt = await row('tiny-gpt');
    expect(gpt.getByText('MIT')).toBeDefined();
    expect(gpt.getByText('Alice 60 (60%) · Bob 40 (40%)')).toBeDefined();
    const added = gpt.getAllByRole('link', { name: registration.title });
    expect(added[0]?.getAttribute('href')).toBe(`#/proposals/${registration.id}`);
    expect(gpt.getByText(/drafting replies/)).toBeDefined();
    expect(gpt.getByRole('link', { name: approval.title }).getAttribute('href')).toBe(
      `#/proposals/${approval.id}`,
    );
    const weights = gpt.getAllByTitle(sha('2'));
    expect(weights[0]?.textContent).toBe(`${'2'.repeat(12)}…`);
    expect(gpt.getAllByTestId('model-file')).toHaveLength(3);
  });

  it('badges every version with its local status and says why it may not run', async () => {
    renderApp(new ModelsClient().signInAs(bob), '#/models');
    const gpt = await row('tiny-gpt');
    await waitFor(() => expect(statusOf(gpt, '1.0')?.textContent).toBe('Ready to run'));
    expect(statusOf(gpt, '2.0')?.textContent).toBe('Files not on this computer');
    expect(statusOf(gpt, '2.0')?.dataset.status).toBe('not-imported');
    expect(gpt.getByText(/Fetch its files from a peer/)).toBeDefined();
    // The host's own words stay one hover away.
    expect(statusOf(gpt, '2.0')?.title).toBe('tiny-gpt@2.0 is not imported on this machine');
    const bert = await row('tiny-bert');
    expect(statusOf(bert, '1.0')?.textContent).toBe('Files differ from the record');
  });

  it('asks for local statuses again when the group’s head moves', async () => {
    const client = new ModelsClient().signInAs(bob);
    renderApp(client, '#/models');
    const gpt = await row('tiny-gpt');
    await waitFor(() =>
      expect(statusOf(gpt, '2.0')?.textContent).toBe('Files not on this computer'),
    );
    client.statuses = client.statuses.map((s) =>
      s.version === '2.0' ? { model: s.model, version: s.version, status: 'runnable' } : s,
    );
    client.head = 'h1';
    act(() => client.emitChange());
    await waitFor(() => expect(statusOf(gpt, '2.0')?.textContent).toBe('Ready to run'));
  });

  it('shows no import form, run or evaluation to a browser that is not the host', async () => {
    renderApp(new ModelsClient().signInAs(bob), '#/models');
    await row('tiny-gpt');
    expect(screen.queryByTestId('import-dir')).toBeNull();
    expect(screen.queryByTestId('run-submit')).toBeNull();
    expect(screen.queryByTestId('eval-submit')).toBeNull();
    expect(screen.getByText(/on the host's computer/)).toBeDefined();
  });

  it('verifies a version and lists every mismatched, missing and extra file', async () => {
    const client = new ModelsClient().signInAs(bob);
    client.checks.set('tiny-gpt@1.0', {
      model: 'tiny-gpt',
      version: '1.0',
      ok: false,
      mismatched: [{ path: 'onnx/model.onnx', expected: sha('2'), actual: sha('9') }],
      missing: ['config.json'],
      extra: ['notes.txt'],
    });
    client.checks.set('tiny-gpt@2.0', {
      model: 'tiny-gpt',
      version: '2.0',
      ok: true,
      mismatched: [],
      missing: [],
      extra: [],
    });
    renderApp(client, '#/models');
    const gpt = await row('tiny-gpt');
    fireEvent.click(gpt.getByTestId('verify-1.0'));
    const bad = await gpt.findByTestId('verify-result');
    expect(bad.dataset.ok).toBe('false');
    expect(bad.textContent).toMatch(/onnx\/model.onnx differs/);
    expect(within(bad).getByTitle(sha('9'))).toBeDefined();
    expect(bad.textContent).toMatch(/config.json is missing/);
    expect(bad.textContent).toMatch(/notes.txt is extra/);
    fireEvent.click(gpt.getByTestId('verify-2.0'));
    await waitFor(() => expect(gpt.getAllByTestId('verify-result')).toHaveLength(2));
    expect(gpt.getAllByTestId('verify-result')[1]?.textContent).toMatch(/Every file matches/);
    expect(client.callsTo('models:verify')).toEqual([
      { model: 'tiny-gpt', version: '1.0' },
      { model: 'tiny-gpt', version: '2.0' },
    ]);
  });

  it('shows the human message when models:local fails', async () => {
    const client = new ModelsClient().signInAs(bob);
    client.failNext.set('models:local', {
      code: 'network',
      message: 'raw',
      data: { transport: true },
    });
    renderApp(client, '#/models');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not reach the app. Check the connection and try again.',
    );
  });
});
