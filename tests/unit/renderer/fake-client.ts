import type {
  EventChannel,
  Events,
  Requests,
  RequestChannel,
  SessionView,
  StewardClient,
} from '../../../shared/api-channels';
import type { DerivedState, ProposalView } from '../../../shared/derive/state';
import { StewardError, type ErrorCode, type ErrorJSON } from '../../../shared/errors';
import { diffSnapshots } from '../../../shared/group-delta';
import type { GroupSnapshot } from '../../../shared/api-types';
import { tallyYesNo } from '../../../shared/tally';

export const alice = { id: 'a'.repeat(64), name: 'Alice', publicKey: 'ka' };
export const bob = { id: 'b'.repeat(64), name: 'Bob', publicKey: 'kb' };
export const carol = { id: 'c'.repeat(64), name: 'Carol', publicKey: 'kc' };

const rule = {
  electorate: 'members' as const,
  weight: 'equal' as const,
  quorum: 0.5,
  threshold: 0.5,
  votingPeriod: 72 * 3600,
};

let counter = 0;
const nextId = (): string => (++counter).toString(16).padStart(64, 'e');

/** An open resolution (or any kind) with all three members as its electorate. */
export const proposal = (fields: Partial<ProposalView> = {}): ProposalView => {
  const id = fields.id ?? nextId();
  return {
    id,
    kind: 'resolution',
    title: `Proposal ${id.slice(-4)}`,
    body: '',
    author: alice.id,
    created: '2026-11-20T10:00:00.000Z',
    deadline: '2026-12-20T10:00:00.000Z',
    params: {},
    rule,
    electorate: [alice, bob, carol].map((m) => ({ member: m.id, weight: 1 })),
    membersAtOpen: [alice.id, bob.id, carol.id],
    status: 'open',
    final: false,
    closable: false,
    tally: tallyYesNo([], 3, rule),
    votes: [],
    notCounted: [],
    closes: [],
    consents: [],
    evidence: [],
    equivocations: [],
    ...fields,
  };
};

export const groupState = (proposals: ProposalView[] = []): DerivedState => ({
  group: { id: 'f'.repeat(64), name: 'The Collective', created: '2026-01-01T00:00:00.000Z' },
  members: [alice, bob, carol].map((m) => ({
    id: m.id,
    name: m.name,
    publicKey: m.publicKey,
    joined: '2026-01-01T00:00:00.000Z',
    addedBy: alice.id,
  })),
  models: [
    {
      slug: 'tiny-bert',
      name: 'Tiny BERT',
      license: 'MIT',
      versions: [{ version: '1.0', files: [], proposal: 'd'.repeat(64) }],
      approvals: [],
      owners: [
        { member: alice.id, shares: 60 },
        { member: bob.id, shares: 40 },
      ],
      retired: false,
      registeredBy: alice.id,
      history: [],
    },
  ],
  proposals,
  quarantined: [],
  statements: proposals.length,
});

const fail = (code: ErrorCode, message: string): StewardError => new StewardError(code, message);

type Call = { channel: RequestChannel; arg: unknown };

/** The contract in memory: enough of the app's behaviour for the UI to be driven in a test. */
export class FakeClient implements StewardClient {
  session: SessionView = { transport: 'http', member: false, needsCode: false, host: false };
  code = '1234';
  passphrase = 'open sesame';
  local = alice;
  head = 'h0';
  calls: Call[] = [];
  /** The server's run: a restart (a new epoch) answers with whole states again. */
  epoch = 'run-1';
  /** The state first served at each head, to answer a client holding it with the changes. */
  served = new Map<string, GroupSnapshot>();
  /** The next request on this channel rejects with this error. */
  failNext = new Map<RequestChannel, ErrorJSON>();
  private listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  constructor(public state: DerivedState = groupState()) {}

  signInAs(identity: typeof alice): this {
    this.session = { ...this.session, identity, member: true, localIdentity: this.local };
    return this;
  }

  /** Someone else's vote landed (a sync, another window): the head moves. */
  castVote(proposalId: string, voter: string, choice: 'yes' | 'no' | 'abstain'): void {
    const p = this.state.proposals.find((x) => x.id === proposalId);
    if (p === undefined) throw new Error(`no proposal ${proposalId}`);
    const votes = [
      ...p.votes.filter((v) => v.voter !== voter),
      { id: nextId(), voter, created: '2026-11-21T10:00:00.000Z', choice, weight: 1 },
    ];
    const tally = tallyYesNo(votes, p.electorate.length, p.rule);
    this.replace({ ...p, votes, tally });
  }

  emitChange(): void {
    const payload: Events['group:onDidChange'] = { head: this.head };
    this.listeners.get('group:onDidChange')?.forEach((listener) => listener(payload as never));
  }

  on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  async invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']> {
    this.calls.push({ channel, arg });
    await Promise.resolve();
    const failure = this.failNext.get(channel);
    if (failure) {
      this.failNext.delete(channel);
      throw new StewardError(failure.code, failure.message, failure.data);
    }
    const handler = this.handlers[channel];
    if (handler === undefined) throw fail('not-found', `the fake has no ${channel}`);
    return handler(arg) as Requests[C]['result'];
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.arg);
  }

  private replace(p: ProposalView): void {
    this.state = {
      ...this.state,
      proposals: this.state.proposals.map((x) => (x.id === p.id ? p : x)),
    };
    this.head = `h${Number(this.head.slice(1)) + 1}`;
  }

  private write(): string {
    if (this.session.identity === undefined) throw fail('locked', 'sign in first');
    if (!this.session.member) throw fail('not-a-member', 'not a member');
    return this.session.identity.id;
  }

  private readonly handlers: Partial<
    Record<RequestChannel, (arg: Record<string, unknown>) => unknown>
  > = {
    'app:version': () => ({ version: '0.0.0-test' }),
    'session:get': () => this.session,
    'session:join': (arg) => {
      if (arg.code !== this.code) throw fail('unauthorized', 'wrong code');
      this.session = { ...this.session, needsCode: false };
      return this.session;
    },
    'session:unlock': (arg) => {
      if (arg.passphrase !== this.passphrase) throw fail('wrong-passphrase', 'bad passphrase');
      return this.signInAs(this.local).session;
    },
    'session:unlockFile': (arg) => {
      if (arg.passphrase !== this.passphrase) throw fail('wrong-passphrase', 'bad passphrase');
      return this.signInAs(JSON.parse(arg.identity as string) as typeof alice).session;
    },
    'session:lock': () => {
      this.session = { ...this.session, identity: undefined, member: false };
      return this.session;
    },
    'session:forget': () => {
      if (this.session.passphrase)
        this.session = {
          ...this.session,
          passphrase: { ...this.session.passphrase, remembered: false },
        };
      return this.session;
    },
    'group:get': (arg) => {
      const now = { head: this.head, state: structuredClone(this.state), epoch: this.epoch };
      const before =
        typeof arg.since === 'string' && arg.epoch === this.epoch
          ? this.served.get(arg.since)
          : undefined;
      if (!this.served.has(this.head)) this.served.set(this.head, now);
      return before ? { ...diffSnapshots(before, now), epoch: this.epoch } : now;
    },
    'proposals:vote': (arg) => {
      const me = this.write();
      const id = arg.proposal as string;
      this.castVote(id, me, arg.choice as 'yes');
      return { id: nextId(), proposal: this.find(id) };
    },
    'proposals:create': (arg) => {
      const author = this.write();
      const created = proposal({
        kind: arg.kind as 'resolution',
        title: arg.title as string,
        body: (arg.body as string | undefined) ?? '',
        params: arg.params as Record<string, never>,
        author,
      });
      this.state = { ...this.state, proposals: [...this.state.proposals, created] };
      return { id: created.id, proposal: created };
    },
    'proposals:close': (arg) => this.settle(arg.proposal as string, 'passed'),
    'proposals:withdraw': (arg) => this.settle(arg.proposal as string, 'withdrawn'),
  };

  private settle(id: string, status: 'passed' | 'withdrawn') {
    this.write();
    this.replace({ ...this.find(id), status });
    return { id: nextId(), proposal: this.find(id) };
  }

  private find(id: string): ProposalView {
    const p = this.state.proposals.find((x) => x.id === id);
    if (p === undefined) throw fail('not-found', `no proposal ${id}`);
    return p;
  }
}
