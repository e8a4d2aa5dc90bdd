import type { AppView, RequestChannel, Requests } from '../../../shared/api-channels';
import type { KnownGroup } from '../../../shared/api-types';
import type { DerivedState } from '../../../shared/derive/state';
import { StewardError } from '../../../shared/errors';
import { alice, bob, groupState } from './fake-client';
import { HostFake } from './setup-fake';

type Draft = NonNullable<AppView['charterDraft']>;

/**
 * The host's fake with more than one group on disk: group:list, group:open (each folder its own
 * state and head), and founding with further founders (a charter draft that group:signCharter
 * completes). `hold` keeps the next group:get unanswered, to look at the screen meanwhile.
 */
export class GroupsFake extends HostFake {
  folders = new Map<string, { state: DerivedState; demo: boolean; draft?: Draft }>();
  hold: Promise<void> | undefined;

  constructor() {
    super();
    this.returning();
    this.signInAs(alice);
    const other = groupState();
    other.group = { id: '9'.repeat(64), name: 'Riverside Lab', created: '2026-02-01T00:00:00Z' };
    this.folders.set(this.app.group!.dir, { state: this.state, demo: false });
    this.folders.set('/home/alice/riverside', { state: other, demo: false });
  }

  list(): KnownGroup[] {
    return [...this.folders].map(([dir, f]) => ({
      dir,
      name: f.state.group?.name ?? f.draft?.name,
      demo: f.demo,
      open: dir === this.app.group?.dir,
    }));
  }

  enter(dir: string): AppView {
    const folder = this.folders.get(dir);
    if (!folder) throw new StewardError('not-a-repo', `${dir} is not a group's repo`);
    this.state = folder.state;
    this.head = `head-of-${dir}`;
    const name = folder.state.group?.name;
    this.app = {
      ...this.app,
      group: { dir, demo: folder.demo, ...(name !== undefined && { name }) },
    };
    if (folder.draft) this.app.charterDraft = folder.draft;
    else delete this.app.charterDraft;
    return structuredClone(this.app);
  }

  override async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    const a = arg as Record<string, unknown>;
    const own: Partial<Record<RequestChannel, () => unknown>> = {
      'group:list': () => ({ groups: this.list() }),
      'group:open': () => this.enter(a.dir as string),
      'group:found': () => {
        const founders = (a.founders as { name: string; key: string }[] | undefined) ?? [];
        const dir = `/home/alice/.steward/groups/${String(a.name).toLowerCase()}`;
        const state = groupState();
        state.group = { id: '7'.repeat(64), name: a.name as string, created: '2026-12-01' };
        const draft: Draft | undefined =
          founders.length === 0
            ? undefined
            : {
                name: a.name as string,
                founders: [
                  { id: alice.id, name: 'Alice', signed: true },
                  ...founders.map((f) => ({ id: bob.id, name: f.name, signed: false })),
                ],
              };
        this.folders.set(dir, {
          state: draft ? { ...state, group: undefined } : state,
          demo: false,
          draft,
        });
        return this.enter(dir);
      },
      'group:signCharter': () => {
        const dir = this.app.group!.dir;
        const folder = this.folders.get(dir)!;
        const me = this.session.identity!.id;
        const founders = folder.draft!.founders.map((f) =>
          f.id === me ? { ...f, signed: true } : f,
        );
        if (founders.every((f) => f.signed)) {
          const state = groupState();
          state.group = { id: '7'.repeat(64), name: folder.draft!.name, created: '2026-12-01' };
          this.folders.set(dir, { state, demo: false });
        } else this.folders.set(dir, { ...folder, draft: { ...folder.draft!, founders } });
        return this.enter(dir);
      },
    };
    const handler = own[channel];
    if (handler === undefined) {
      if (channel === 'group:get' && this.hold) {
        const held = this.hold;
        this.hold = undefined;
        await held;
      }
      return super.invoke(channel, arg);
    }
    this.calls.push({ channel, arg });
    await Promise.resolve();
    return handler() as Requests[C]['result'];
  }
}
