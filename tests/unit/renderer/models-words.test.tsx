// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { groupState } from './fake-client';
import { ModelsClient, sha } from './models-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

/** The host's own browser on the Models screen, once the bench has chosen a version. */
const host = async (client = new ModelsClient().asHost()) => {
  renderApp(client, '#/models');
  await screen.findByTestId('import-submit');
  await waitFor(() =>
    expect(screen.getByTestId<HTMLSelectElement>('use-model').value).toBe('tiny-gpt@1.0'),
  );
  return client;
};

const badge = (version: string) =>
  screen.getAllByTestId('model-status').find((s) => s.dataset.version === version)!;

describe('ModelsView in words', () => {
  it('badges versions in words, without the command line’s hints', async () => {
    const client = new ModelsClient().asHost();
    client.statuses[0] = {
      model: 'tiny-gpt',
      version: '1.0',
      status: 'not-approved',
      message: 'the charter requires approval to use a model',
    };
    client.statuses[1] = {
      model: 'tiny-gpt',
      version: '2.0',
      status: 'not-imported',
      message: "tiny-gpt@2.0 is not in this machine's model store (steward model import)",
    };
    renderApp(client, '#/models');
    await waitFor(() => expect(badge('1.0').textContent).toBe('Not approved for use yet'));
    expect(badge('2.0').textContent).toBe('Files not on this computer');
    expect(badge('2.0').title).toBe("tiny-gpt@2.0 is not in this machine's model store");
    expect(document.body.textContent).not.toMatch(/steward model/);
  });

  it('shows an evaluation’s metrics in words and units', async () => {
    const client = await host();
    fireEvent.change(screen.getByTestId('eval-file'), {
      target: { files: [new File(['{"input":"a","expected":"b"}\n'], 'three.jsonl')] },
    });
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('eval-submit').disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('eval-submit'));
    await waitFor(() => expect(client.callsTo('models:eval')).toHaveLength(1));
    const item = { input: 'a', expected: 'b', output: 'c', correct: false, ms: 10.5 };
    act(() =>
      client.answer('models:eval', {
        model: 'tiny-gpt',
        version: '1.0',
        dataset: { name: 'three.jsonl', sha256: sha('5'), items: 3 },
        metrics: { items: 3, meanLatencyMs: 10.5, exactMatch: 0 },
        outputs: sha('6'),
        items: [item, item, item],
      }),
    );
    const metrics = await screen.findByTestId('eval-metrics');
    const pairs = [...metrics.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent} ${dt.nextElementSibling?.textContent}`,
    );
    expect(pairs).toEqual(['Items 3', 'Mean latency 10.5 ms', 'Exact match 0 of 3']);
  });

  it('shows a run’s refusal and its reason on screen', async () => {
    const client = await host();
    fireEvent.change(screen.getByTestId('run-input'), { target: { value: 'hello' } });
    fireEvent.click(screen.getByTestId('run-submit'));
    await waitFor(() => expect(client.callsTo('models:run')).toHaveLength(1));
    act(() =>
      client.refuse('models:run', {
        code: 'not-runnable',
        message:
          'the charter requires approval to use a model, and no approve-use of tiny-gpt@1.0 has passed',
        data: { reason: 'not-approved' },
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'the charter requires approval to use a model, and no approve-use of tiny-gpt@1.0 has passed',
    );
  });

  it('names the folder when the host’s disk refuses it', async () => {
    const client = await host();
    fireEvent.change(screen.getByTestId('import-dir'), { target: { value: '/srv/locked' } });
    fireEvent.change(screen.getByTestId('import-model'), { target: { value: 'tiny-gpt' } });
    fireEvent.change(screen.getByTestId('import-version'), { target: { value: '3.0' } });
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(client.callsTo('models:import')).toHaveLength(1));
    act(() =>
      client.refuse('models:import', {
        code: 'invalid-argument',
        message: '/srv/locked cannot be read: permission denied',
        data: {},
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      '/srv/locked cannot be read: permission denied',
    );
  });
});

describe('ModelsView layout', () => {
  it('puts Run and Evaluate before the import form, with one primary action', async () => {
    await host();
    const importForm = screen.getByTestId('import-dir');
    for (const id of ['run-submit', 'eval-submit'])
      expect(
        screen.getByTestId(id).compareDocumentPosition(importForm) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    expect([...document.querySelectorAll('.primary')]).toEqual([screen.getByTestId('run-submit')]);
  });

  it('makes importing the primary action while nothing is registered to run', async () => {
    const client = new ModelsClient({ ...groupState(), models: [] }).asHost();
    renderApp(client, '#/models');
    await screen.findByTestId('import-submit');
    expect(screen.queryByTestId('use-model')).toBeNull();
    expect([...document.querySelectorAll('.primary')]).toEqual([
      screen.getByTestId('import-submit'),
    ]);
    expect(screen.getByText(/then propose registering it/)).toBeDefined();
  });

  it('says beside the bench why the version chosen may not run', async () => {
    await host();
    expect(screen.queryByTestId('bench-status')).toBeNull();
    fireEvent.change(screen.getByTestId('use-model'), { target: { value: 'tiny-gpt@2.0' } });
    expect(screen.getByTestId('bench-status').textContent).toBe(
      'Files not on this computer: Fetch its files from a peer (Fetch, under the version), or import their folder.',
    );
  });

  it('starts Run and Evaluate on the task the model is made for', async () => {
    const client = new ModelsClient().asHost();
    client.statuses[0] = { ...client.statuses[0]!, task: 'feature-extraction' };
    await host(client);
    await waitFor(() =>
      expect(screen.getByTestId<HTMLSelectElement>('eval-task').value).toBe('feature-extraction'),
    );
    expect(screen.getByTestId<HTMLSelectElement>('run-task').value).toBe('feature-extraction');
  });
});
