// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestChannel, Requests } from '../../../shared/api-channels';
import type { FetchView, LocalModelStatus, RemoteView } from '../../../shared/api-types';
import { StewardError } from '../../../shared/errors';
import { ModelsClient, sha } from './models-fake';
import { renderApp } from './render-app';

afterEach(cleanup);

type Transferring = 'models:fetch' | 'models:push';

/** The models fake with fetch and push that wait for the test, and the host's remotes. */
class TransferClient extends ModelsClient {
  remotes: RemoteView[] = [{ name: 'forge', url: 'https://forge.example/guild.git' }];
  private waits = new Map<Transferring, { arg: Record<string, unknown>; settle: Settle }>();

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    if (channel === 'sync:remotes') return { remotes: this.remotes } as never;
    if (channel !== 'models:fetch' && channel !== 'models:push') return super.invoke(channel, arg);
    this.calls.push({ channel, arg });
    return new Promise((resolve, reject) =>
      this.waits.set(channel, {
        arg: arg,
        settle: { resolve: resolve as (v: unknown) => void, reject },
      }),
    );
  }

  argOf(channel: Transferring): Record<string, unknown> {
    const w = this.waits.get(channel);
    if (!w) throw new Error(`nothing waits on ${channel}`);
    return w.arg;
  }

  finish(channel: Transferring, outcome: { result: unknown } | { error: StewardError }): void {
    const w = this.waits.get(channel)!;
    this.waits.delete(channel);
    if ('result' in outcome) w.settle.resolve(outcome.result);
    else w.settle.reject(outcome.error);
  }
}
type Settle = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

const here = (version: string, fields: Partial<LocalModelStatus>): LocalModelStatus => ({
  model: 'tiny-gpt',
  version,
  status: 'not-imported',
  ...fields,
});

const client = () => {
  const c = new TransferClient().asHost();
  c.statuses = [
    here('1.0', {
      status: 'runnable',
      filesHere: 2,
      filesTotal: 2,
      missingBytes: 0,
      approved: true,
    }),
    here('2.0', { filesHere: 0, filesTotal: 1, missingBytes: 412_000_000, approved: false }),
  ];
  return c;
};

const versionFiles = async (version: string) =>
  (await screen.findAllByTestId('files-here')).find((e) => e.dataset.version === version)!;

const fetched: FetchView = {
  model: 'tiny-gpt',
  version: '2.0',
  files: [
    {
      path: 'onnx/model.onnx',
      sha256: sha('3'),
      size: 412_000_000,
      source: 'bob',
      status: 'fetched',
    },
  ],
  fetched: 1,
  bytes: 412_000_000,
  refused: [
    {
      source: 'alice',
      path: 'onnx/model.onnx',
      sha256: sha('3'),
      reason: 'its bytes hash to another value',
    },
  ],
};

describe('the Models screen’s model files', () => {
  it('says which versions have their files here, with the missing size in units', async () => {
    renderApp(client(), '#/models');
    expect((await versionFiles('1.0')).textContent).toBe('All 2 files here');
    expect((await versionFiles('2.0')).textContent).toBe('1 of 1 file missing, 412 MB');
    expect(screen.queryByTestId('fetch-1.0')).toBeNull();
  });

  it('fetches with progress in bytes, rate and time left, and stops on Stop', async () => {
    const c = client();
    renderApp(c, '#/models');
    fireEvent.click(await screen.findByTestId('fetch-2.0'));
    await waitFor(() => expect(c.argOf('models:fetch')).toMatchObject({ version: '2.0' }));
    const runId = c.argOf('models:fetch').runId as string;
    act(() =>
      c.emit('models:onDidTransfer', {
        runId,
        path: 'onnx/model.onnx',
        bytes: 206_000_000,
        total: 412_000_000,
        rate: 3_400_000,
        source: 'bob',
      }),
    );
    const bar = await screen.findByTestId('transfer-progress');
    expect(bar.textContent).toContain(
      '206 MB of 412 MB · 3.4 MB/s · about 1 minute left · onnx/model.onnx from bob',
    );
    fireEvent.click(within(bar).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(c.callsTo('models:cancel')).toEqual([{ runId }]));
    act(() => c.finish('models:fetch', { error: new StewardError('cancelled', 'stopped') }));
    expect((await screen.findByTestId('transfer-outcome')).textContent).toMatch(
      /^Stopped\. What was verified is kept/,
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what a fetch brought, naming each refused source with its reason', async () => {
    const c = client();
    renderApp(c, '#/models');
    fireEvent.click(await screen.findByTestId('fetch-2.0'));
    await waitFor(() => c.argOf('models:fetch'));
    c.statuses[1] = { ...c.statuses[1]!, filesHere: 1, missingBytes: 0, status: 'runnable' };
    act(() => c.finish('models:fetch', { result: fetched }));
    const outcome = await screen.findByTestId('transfer-outcome');
    expect(outcome.textContent).toContain('Fetched 1 file (412 MB) from bob.');
    expect(within(outcome).getByTestId('transfer-refused').textContent).toBe(
      'alice was refused for onnx/model.onnx: its bytes hash to another value',
    );
    await waitFor(async () =>
      expect((await versionFiles('2.0')).textContent).toBe('The file is here'),
    );
  });

  it('fetches from a source the user names', async () => {
    const c = client();
    renderApp(c, '#/models');
    fireEvent.change(await screen.findByTestId('fetch-from-2.0'), {
      target: { value: '/media/usb' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch from there' }));
    await waitFor(() =>
      expect(c.argOf('models:fetch')).toMatchObject({ version: '2.0', from: '/media/usb' }),
    );
  });

  it('says why a fetch failed, in words', async () => {
    const c = client();
    renderApp(c, '#/models');
    fireEvent.click(await screen.findByTestId('fetch-2.0'));
    await waitFor(() => c.argOf('models:fetch'));
    act(() =>
      c.finish('models:fetch', {
        error: new StewardError('network', 'cannot reach http://bob.local:7373'),
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The fetch failed: /);
  });

  it('pushes a version whose files are here to the remote a member picks', async () => {
    const c = client();
    renderApp(c, '#/models');
    fireEvent.click(await screen.findByTestId('push-1.0'));
    await waitFor(() =>
      expect(c.argOf('models:push')).toMatchObject({ version: '1.0', remote: 'forge' }),
    );
    act(() =>
      c.finish('models:push', {
        result: {
          model: 'tiny-gpt',
          version: '1.0',
          target: 'forge',
          files: [],
          uploaded: 2,
          bytes: 2_048,
        },
      }),
    );
    expect((await screen.findByTestId('transfer-outcome')).textContent).toBe(
      'Uploaded 2 files (2.0 kB) to forge.',
    );
  });

  it('says where the files are to a browser that is not the host, with no Fetch', async () => {
    const c = client();
    c.session = { ...c.session, host: false };
    renderApp(c, '#/models');
    expect((await versionFiles('2.0')).textContent).toBe(
      "1 of 1 file missing on the host's computer, 412 MB",
    );
    expect(screen.queryByTestId('fetch-2.0')).toBeNull();
    expect(screen.queryByTestId('push-1.0')).toBeNull();
  });

  it('offers no Push to someone who is not a member', async () => {
    const c = client();
    c.session = { ...c.session, member: false };
    renderApp(c, '#/models');
    await versionFiles('1.0');
    expect(screen.queryByTestId('push-1.0')).toBeNull();
  });
});

describe('Home’s approved versions not on this computer', () => {
  it('lists an approved version with missing files, with Fetch', async () => {
    const c = client();
    c.statuses[0] = { ...c.statuses[0]!, status: 'not-imported', filesHere: 1, missingBytes: null };
    renderApp(c, '#/');
    const list = await screen.findByTestId('home-missing-models');
    expect(within(list).getByTestId('files-here').textContent).toBe('1 of 2 files missing');
    expect(within(list).getByTestId('fetch-1.0')).toBeDefined();
    // Not approved: not listed, however much is missing.
    expect(within(list).queryByTestId('fetch-2.0')).toBeNull();
  });

  it('lists nothing when every approved version’s files are here', async () => {
    const c = client();
    renderApp(c, '#/');
    await waitFor(() => expect(c.callsTo('models:local').length).toBeGreaterThan(0));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByTestId('home-missing-models')).toBeNull();
  });
});
