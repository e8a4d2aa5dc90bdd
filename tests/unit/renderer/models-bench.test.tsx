// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelsClient, openVote, registration, sha } from './models-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

const host = async () => {
  const client = new ModelsClient().asHost();
  renderApp(client, '#/models');
  await screen.findByTestId('import-submit');
  await waitFor(() =>
    expect(screen.getByTestId<HTMLSelectElement>('use-model').value).toBe('tiny-gpt@1.0'),
  );
  return client;
};

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

const runId = (arg: Record<string, unknown>) => arg.runId as string;

describe('ModelsView import', () => {
  it('imports a folder with progress for its own run alone, lists the files and refreshes statuses', async () => {
    const client = await host();
    type('import-dir', '/home/alice/models/tiny-gpt2');
    type('import-model', 'tiny-gpt');
    type('import-version', '2.0');
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(client.callsTo('models:import')).toHaveLength(1));
    const arg = client.waiting('models:import');
    expect(Object.keys(arg).sort()).toEqual(['dir', 'model', 'runId', 'version']);
    expect(arg).toMatchObject({
      dir: '/home/alice/models/tiny-gpt2',
      model: 'tiny-gpt',
      version: '2.0',
    });
    expect(runId(arg)).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(screen.getByTestId<HTMLButtonElement>('import-submit').disabled).toBe(true);

    act(() => {
      client.emit('models:onDidProgress', { runId: 'other', file: 'x', bytes: 999, total: 1000 });
      client.emit('models:onDidProgress', {
        runId: runId(arg),
        file: 'onnx/model.onnx',
        bytes: 1_500_000,
        total: 3_000_000,
      });
    });
    const bar = screen.getByTestId<HTMLProgressElement>('import-progress');
    expect([bar.value, bar.max]).toEqual([1_500_000, 3_000_000]);
    expect(screen.getByText(/1\.50 MB of 3\.00 MB .* onnx\/model\.onnx/)).toBeDefined();

    const before = client.callsTo('models:local').length;
    client.statuses = client.statuses.map((s) =>
      s.version === '2.0' ? { model: s.model, version: s.version, status: 'runnable' } : s,
    );
    act(() =>
      client.answer('models:import', {
        model: 'tiny-gpt',
        version: '2.0',
        files: [
          { path: 'config.json', sha256: sha('4'), size: 1_000_000 },
          { path: 'onnx/model.onnx', sha256: sha('3'), size: 2_000_000 },
        ],
      }),
    );
    const result = await screen.findByTestId('import-result');
    expect(result.textContent).toMatch(/config\.json.*1\.00 MB.*444444444444…/);
    expect([bar.value, bar.max]).toEqual([3_000_000, 3_000_000]);
    await waitFor(() => expect(client.callsTo('models:local').length).toBe(before + 1));
    await waitFor(() =>
      expect(
        screen.getAllByTestId('model-status').find((s) => s.dataset.version === '2.0')?.textContent,
      ).toBe('Ready to run'),
    );
  });

  it('names the folder when the import finds none there', async () => {
    const client = await host();
    type('import-dir', '/nowhere');
    type('import-model', 'tiny-gpt');
    type('import-version', '3.0');
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(client.callsTo('models:import')).toHaveLength(1));
    act(() =>
      client.refuse('models:import', { code: 'not-found', message: 'no folder', data: {} }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('There is no folder at /nowhere.');
  });
});

describe('ModelsView import, stopped', () => {
  it('stops the import through models:cancel and says nothing was kept', async () => {
    const client = await host();
    type('import-dir', '/home/alice/models/big');
    type('import-model', 'tiny-gpt');
    type('import-version', '2.0');
    expect(screen.queryByTestId('import-stop')).toBeNull();
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(client.callsTo('models:import')).toHaveLength(1));
    const arg = client.waiting('models:import');
    act(() =>
      client.emit('models:onDidProgress', {
        runId: runId(arg),
        file: 'onnx/model.onnx',
        bytes: 100,
        total: 1000,
      }),
    );
    fireEvent.click(screen.getByTestId('import-stop'));
    await waitFor(() => expect(client.callsTo('models:cancel')).toEqual([{ runId: runId(arg) }]));
    act(() =>
      client.refuse('models:import', {
        code: 'cancelled',
        message: 'the import of tiny-gpt@2.0 was stopped; nothing kept',
        data: {},
      }),
    );
    expect((await screen.findByTestId('import-stopped')).textContent).toBe(
      'Import stopped: nothing of it was kept.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(screen.queryByTestId('import-stop')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('import-submit').disabled).toBe(false);
  });
});

describe('ModelsView run', () => {
  it('streams generated text for its own run, stops it through models:cancel and shows why it ended', async () => {
    const client = await host();
    type('run-input', 'one');
    type('run-max-tokens', '4096');
    fireEvent.click(screen.getByTestId('run-submit'));
    await waitFor(() => expect(client.callsTo('models:run')).toHaveLength(1));
    const arg = client.waiting('models:run');
    expect(arg).toMatchObject({
      model: 'tiny-gpt',
      version: '1.0',
      task: 'text-generation',
      input: 'one',
      maxNewTokens: 4096,
    });
    act(() => {
      client.emit('models:onDidToken', { runId: runId(arg), text: ' two' });
      client.emit('models:onDidToken', { runId: 'someone-else', text: ' nope' });
      client.emit('models:onDidToken', { runId: runId(arg), text: ' three' });
    });
    // Shown within a moment (the text grows in batches), and only this run's tokens.
    await waitFor(() => expect(screen.getByTestId('run-output').textContent).toBe(' two three'));

    fireEvent.click(screen.getByTestId('run-stop'));
    await waitFor(() => expect(client.callsTo('models:cancel')).toEqual([{ runId: runId(arg) }]));
    act(() =>
      client.answer('models:run', {
        model: 'tiny-gpt',
        version: '1.0',
        task: 'text-generation',
        text: ' two three',
        tokens: 2,
        stopped: 'cancelled',
        ms: 40,
      }),
    );
    const stats = await screen.findByTestId('run-stats');
    expect(stats.dataset.stopped).toBe('cancelled');
    expect(stats.textContent).toBe('tiny-gpt@1.0 · 2 tokens · 40 ms · stopped');
    expect(screen.getByTestId<HTMLButtonElement>('run-stop').disabled).toBe(true);
  });

  it('shows classification labels with score bars', async () => {
    const client = await host();
    fireEvent.change(screen.getByTestId('run-task'), { target: { value: 'text-classification' } });
    expect(screen.queryByTestId('run-max-tokens')).toBeNull();
    type('run-input', 'a good movie');
    fireEvent.click(screen.getByTestId('run-submit'));
    await waitFor(() => expect(client.callsTo('models:run')).toHaveLength(1));
    expect(client.waiting('models:run')).not.toHaveProperty('maxNewTokens');
    act(() =>
      client.answer('models:run', {
        model: 'tiny-gpt',
        version: '1.0',
        task: 'text-classification',
        labels: [
          { label: 'POSITIVE', score: 0.875 },
          { label: 'NEGATIVE', score: 0.125 },
        ],
        ms: 3,
      }),
    );
    const rows = await screen.findAllByTestId('run-label');
    expect(rows.map((r) => r.textContent)).toEqual(['POSITIVE0.8750', 'NEGATIVE0.1250']);
    expect(rows[0]?.querySelector<HTMLElement>('.score-bar span')?.style.width).toBe('87.5%');
    expect(screen.queryByTestId('run-output')).toBeNull();
  });

  it('shows an embedding’s dimensions and first values', async () => {
    const client = await host();
    fireEvent.change(screen.getByTestId('run-task'), { target: { value: 'feature-extraction' } });
    type('run-input', 'the cat');
    fireEvent.click(screen.getByTestId('run-submit'));
    await waitFor(() => expect(client.callsTo('models:run')).toHaveLength(1));
    act(() =>
      client.answer('models:run', {
        model: 'tiny-gpt',
        version: '1.0',
        task: 'feature-extraction',
        embedding: [[0.5, -0.25, 1, 0, 0, 0, 0, 0, 0.125, 0.3]],
        dims: [1, 10],
        ms: 2,
      }),
    );
    expect((await screen.findByTestId('run-embedding')).textContent).toBe(
      'Dimensions 1 × 10; first values 0.5000, -0.2500, 1.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000 …',
    );
  });
});

describe('ModelsView evaluation', () => {
  it('evaluates a JSONL file with item progress and signs it on an open proposal', async () => {
    const client = await host();
    const jsonl =
      '{"input":"a good movie","expected":"POSITIVE"}\n{"input":"bad","expected":"POSITIVE"}\n';
    const file = new File([jsonl], 'sentiment.jsonl', { type: 'application/x-ndjson' });
    fireEvent.change(screen.getByTestId('eval-file'), { target: { files: [file] } });
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('eval-submit').disabled).toBe(false),
    );
    const picker = screen.getByTestId<HTMLSelectElement>('eval-proposal');
    // Open proposals only: the passed registration and approval cannot take evidence here.
    expect([...picker.options].map((o) => o.value)).toEqual(['', openVote.id]);
    expect([...picker.options].map((o) => o.value)).not.toContain(registration.id);
    fireEvent.change(picker, { target: { value: openVote.id } });
    fireEvent.click(screen.getByTestId('eval-submit'));
    await waitFor(() => expect(client.callsTo('models:eval')).toHaveLength(1));
    const arg = client.waiting('models:eval');
    expect(arg).toMatchObject({
      model: 'tiny-gpt',
      version: '1.0',
      task: 'text-classification',
      dataset: jsonl,
      datasetName: 'sentiment.jsonl',
      proposal: openVote.id,
    });
    act(() => client.emit('models:onDidItem', { runId: runId(arg), done: 1, total: 2 }));
    const bar = screen.getByTestId<HTMLProgressElement>('eval-progress');
    expect([bar.value, bar.max]).toEqual([1, 2]);
    expect(screen.getByText('1 of 2 items')).toBeDefined();

    act(() =>
      client.answer('models:eval', {
        model: 'tiny-gpt',
        version: '1.0',
        dataset: { name: 'sentiment.jsonl', sha256: sha('5'), items: 2 },
        metrics: { items: 2, meanLatencyMs: 3, accuracy: 0.5 },
        outputs: sha('6'),
        items: [
          {
            input: 'a good movie',
            expected: 'POSITIVE',
            output: [{ label: 'POSITIVE', score: 0.9 }],
            correct: true,
            ms: 3,
          },
          {
            input: 'bad',
            expected: 'POSITIVE',
            output: [{ label: 'NEGATIVE', score: 0.8 }],
            correct: false,
            ms: 3,
          },
        ],
        evidence: { id: sha('7'), proposal: openVote.id },
      }),
    );
    const rows = await screen.findAllByTestId('eval-row');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['a good movie', 'POSITIVE', 'POSITIVE (0.900)', '✓ yes', '3.0 ms'],
      ['bad', 'POSITIVE', 'NEGATIVE (0.800)', '✗ no', '3.0 ms'],
    ]);
    expect(screen.getByTestId('eval-metrics').textContent).toBe(
      'Items 2Mean latency 3 msAccuracy 1 of 2',
    );
    const link = screen.getByRole('link', { name: openVote.title });
    expect(link.closest('[data-testid="eval-evidence"]')).not.toBeNull();
    expect(link.getAttribute('href')).toBe(`#/proposals/${openVote.id}`);
  });

  it('treats a stopped evaluation as stopped, not as an error', async () => {
    const client = await host();
    const file = new File(['{"input":"x"}\n'], 'one.jsonl');
    fireEvent.change(screen.getByTestId('eval-file'), { target: { files: [file] } });
    await waitFor(() =>
      expect(screen.getByTestId<HTMLButtonElement>('eval-submit').disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId('eval-submit'));
    await waitFor(() => expect(client.callsTo('models:eval')).toHaveLength(1));
    expect(client.waiting('models:eval')).not.toHaveProperty('proposal');
    fireEvent.click(screen.getByTestId('eval-stop'));
    await waitFor(() => expect(client.callsTo('models:cancel')).toHaveLength(1));
    act(() => client.refuse('models:eval', { code: 'cancelled', message: 'cancelled', data: {} }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Evaluation stopped/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
