/**
 * A group served to browsers by the real `steward serve` process: Alice hosts it (her identity is
 * this machine's), Bob is a member who brings his identity file, Carol is not a member. Requests
 * go through `fetch` and events through a WebSocket, as the UI's HTTP client sends them.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Person, steward, tempDir } from './cli';
import { startSteward, type Started } from './steward-process';

export type Name = 'alice' | 'bob' | 'carol';
export type Answer = {
  status: number;
  body: { result?: unknown; error?: { code: string; message: string } };
};

export class UiGroup {
  readonly root = tempDir('steward-ui-');
  readonly repo = join(this.root, 'group');
  readonly people: Record<Name, Person> = {
    alice: new Person(join(this.root, 'alice'), this.repo),
    bob: new Person(join(this.root, 'bob'), this.repo),
    carol: new Person(join(this.root, 'carol'), this.repo),
  };
  url = '';
  /** The host's own link, printed by serve: opens the app as Alice's, the host's. */
  hostUrl = '';
  code: string | undefined;
  private server: Started | undefined;
  private readonly t0 = Date.now() - 3600_000;
  private minutes = 0;

  next(): string {
    return new Date(this.t0 + ++this.minutes * 1000).toISOString();
  }

  /** Founds the group (Alice and Bob) and starts `steward serve` with `args` as Alice. */
  async start(...args: string[]): Promise<this> {
    const keys = {} as Record<Name, string>;
    for (const [name, p] of Object.entries(this.people) as [Name, Person][]) {
      const display = name[0]!.toUpperCase() + name.slice(1);
      keys[name] = p.json<{ publicKey: string }>(
        this.next(),
        'identity',
        'create',
        '--name',
        display,
      ).publicKey;
    }
    const founded = steward(
      [
        'init',
        this.repo,
        '--name',
        'Guild',
        '--member',
        `${keys.bob}:Bob`,
        '--voting-period',
        '1h',
        '--json',
      ],
      this.people.alice.env(this.next()),
    );
    if (founded.status !== 0) throw new Error(`init failed: ${founded.stdout}${founded.stderr}`);
    this.people.bob.json(this.next(), 'charter', 'sign');
    const { STEWARD_HOME } = this.people.alice.env(this.next());
    this.server = startSteward(['serve', '--repo', this.repo, '--json', ...args], {
      STEWARD_HOME: STEWARD_HOME!,
      STEWARD_SESSION_CODE: 'K7Q2MX',
    });
    const first = await new Promise<string>((resolve, reject) => {
      let text = '';
      this.server!.child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      this.server!.done.then((r) => reject(new Error(`serve exited: ${r.stderr}`)), reject);
    });
    const started = JSON.parse(first) as { url: string; ui?: string; code?: string };
    this.url = started.url;
    this.hostUrl = (started.ui ?? '').replace('0.0.0.0', '127.0.0.1');
    this.code = started.code;
    return this;
  }

  /** The host's link to a view of the app: `host('#/audit')`. */
  host(hash = ''): string {
    return `${this.hostUrl}${hash}`;
  }

  identityFile(name: Name): string {
    return readFileSync(join(this.people[name].home, 'identity.json'), 'utf8');
  }

  async close(): Promise<void> {
    this.server?.child.kill('SIGTERM');
    await this.server?.done.catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** One browser-like client: a cookie jar, requests and an event socket. */
export class ApiClient {
  private cookie = '';
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Opens the host's link as the host's browser would: this client becomes the host's own. */
  async asHost(link: string): Promise<this> {
    const res = await fetch(link, { redirect: 'manual' });
    if (res.status !== 302) throw new Error(`the host link answered ${res.status}`);
    this.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return this;
  }

  async call(
    channel: string,
    arg: unknown = {},
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    // A test's synchronous CLI runs hold this process's event loop; a kept-alive socket the
    // server closed meanwhile is seen closed only in the loop's next poll for I/O. Two checks
    // (setImmediate) have one such poll between them: after it, fetch no longer sends on a
    // socket already gone ("other side closed").
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    const res = await fetch(`${this.base}/api/invoke/${channel}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.cookie && { cookie: this.cookie }),
        ...this.headers,
        ...headers,
      },
      body: JSON.stringify(arg),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  /** The result, or a thrown error naming the code. */
  async ok<T = Record<string, unknown>>(channel: string, arg: unknown = {}): Promise<T> {
    const r = await this.call(channel, arg);
    if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.result as T;
  }

  /** Opens the event socket; resolves once it is open. */
  events(): Promise<{ received: { event: string; payload: unknown }[]; socket: WebSocket }> {
    const socket = new WebSocket(`${this.base.replace(/^http/, 'ws')}/api/events`, {
      headers: { cookie: this.cookie },
    });
    const received: { event: string; payload: unknown }[] = [];
    socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as never));
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ received, socket }));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`refused: ${res.statusCode}`)),
      );
    });
  }
}
