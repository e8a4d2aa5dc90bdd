/**
 * The one contract between the UI and the app, whatever carries it (Electron IPC, or HTTP and
 * WebSocket from `steward serve`): every request and event by name, a JSON Schema for each
 * request's argument and each event's payload, and the TypeScript types of both ends. The names
 * are also the runtime allowlist: a channel missing here cannot be reached from the page.
 */
import type { ErrorJSON } from './errors';
import type {
  AppView,
  AuditFile,
  EvalArg,
  EvalView,
  FetchView,
  GroupDelta,
  GroupSnapshot,
  Identity,
  ImportedModel,
  KnownGroup,
  LocalModelStatus,
  ModelFileCheck,
  ProgressEvent,
  PushView,
  RemoteView,
  ReviewView,
  RunArg,
  RunOutput,
  SessionView,
  SyncView,
  TransferEvent,
  Written,
} from './api-types';
import { evidenceTasks, proposalKinds, type ProposalKind } from './format/kinds';
import type { Choice, ProposalParams } from './format/types';

type Schema = Record<string, unknown>;

const object = (
  properties: Record<string, Schema>,
  required = Object.keys(properties),
): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
const text = (maxLength: number, minLength = 0): Schema => ({
  type: 'string',
  minLength,
  maxLength,
});
const statementId: Schema = { type: 'string', pattern: '^[0-9a-f]{6,64}$' };
const slug: Schema = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' };
const date: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', maxLength: 40 };
const version: Schema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$' };
const none = object({});

/** Request channels and the schema of each one's argument. */
export const requestSchemas = {
  'app:version': none,
  /** Who this client is: read-only, or signed in as a member. */
  'session:get': none,
  /** A browser on the room's network proves it was told the code shown on the host's screen. */
  'session:join': object({ code: text(32, 1) }),
  /** Unlocks this machine's identity (Electron, or the host's own browser on 127.0.0.1). */
  'session:unlock': object({ passphrase: text(1024, 1), remember: { type: 'boolean' } }, [
    'passphrase',
  ]),
  /** Unlocks a sealed identity file the participant brings (a browser in a review session). */
  'session:unlockFile': object({ identity: text(20_000, 2), passphrase: text(1024, 1) }),
  'session:lock': none,
  /** The desktop app forgets the passphrase the system keychain kept for it. */
  'session:forget': none,
  /** The derived state at the repo's head. */
  /**
   * With `since` (a head the client holds the state of), the server may answer with the changes
   * since then instead (a GroupDelta, marked by its `since`); without, always the whole state.
   */
  'group:get': object(
    { since: { type: 'string', pattern: '^[0-9a-f]{40}$' }, epoch: text(64, 1) },
    [],
  ),
  'proposals:create': object(
    {
      kind: { enum: [...proposalKinds] },
      title: text(200, 1),
      body: text(100_000),
      params: { type: 'object' },
    },
    ['kind', 'title', 'params'],
  ),
  'proposals:vote': {
    ...object(
      {
        proposal: statementId,
        choice: { enum: ['yes', 'no', 'abstain'] },
        options: { type: 'array', items: { type: 'integer', minimum: 0 }, maxItems: 64 },
        reason: text(2_000),
      },
      ['proposal'],
    ),
    oneOf: [{ required: ['choice'] }, { required: ['options'] }],
  },
  'proposals:close': object({ proposal: statementId }),
  'proposals:withdraw': object({ proposal: statementId }),
  /** Co-signs the winning close of a proposal; final once enough weight has certified it. */
  'proposals:certify': object({ proposal: statementId }),
  /** The member giving shares consents to a transfer-shares proposal. */
  'proposals:consent': object({ proposal: statementId }),

  // The host's own client (Electron, or a browser on this machine) alone: they touch its disk.
  'app:get': none,
  'identity:create': object({ name: text(100, 1), passphrase: text(1024, 8) }),
  /** Takes an identity file brought from another machine as this machine's identity. */
  'identity:import': object({ identity: text(20_000, 2), passphrase: text(1024, 1) }),
  /** The sealed identity file, to keep or carry to another machine. */
  'identity:export': none,
  /** Replaces this machine's key; the group learns the new one from a statement signed with the old. */
  'identity:rotate': object({ passphrase: text(1024, 1) }),
  'group:found': object(
    {
      name: text(100, 1),
      votingPeriodHours: { type: 'number', exclusiveMinimum: 0, maximum: 8760 },
      /** Further founders: the charter waits for each one's signature (`group:signCharter`). */
      founders: {
        type: 'array',
        maxItems: 64,
        items: object({ name: text(100, 1), key: text(64, 1) }),
      },
    },
    ['name'],
  ),
  /** Adds this identity's signature to the open folder's charter draft (a further founder). */
  'group:signCharter': none,
  /** Opens a group folder on this machine (a repo this app or the CLI made). */
  'group:open': object({ dir: text(4096, 1) }),
  /** The groups this machine knows: those under the app's home and those opened before. */
  'group:list': none,
  /** Joins a group from a peer's URL, a bundle file or a repo folder on this machine. */
  'group:join': object({ source: text(4096, 1) }),
  'group:openDemo': none,
  'models:local': none,
  'models:import': object(
    {
      runId: text(64, 1),
      dir: text(4096, 1),
      model: slug,
      version: version,
    },
    ['runId', 'dir', 'model', 'version'],
  ),
  'models:verify': object({ model: slug, version: version }),
  'models:run': object(
    {
      runId: text(64, 1),
      model: slug,
      version: version,
      task: { enum: [...evidenceTasks] },
      input: text(100_000),
      maxNewTokens: { type: 'integer', minimum: 1, maximum: 4096 },
    },
    ['runId', 'model', 'task', 'input'],
  ),
  'models:eval': object(
    {
      runId: text(64, 1),
      model: slug,
      version: version,
      task: { enum: [...evidenceTasks] },
      dataset: text(10_000_000, 1),
      datasetName: text(200, 1),
      proposal: statementId,
    },
    ['runId', 'model', 'task', 'dataset', 'datasetName'],
  ),
  /** Stops a run, an evaluation, a fetch or a push under way. */
  'models:cancel': object({ runId: text(64, 1) }),
  /**
   * Brings a registered version's missing files into this computer's store, verified, from
   * `from` (a remote's name, a URL or a folder) or else from each of the group's remotes in turn.
   */
  'models:fetch': object(
    { runId: text(64, 1), model: slug, version: version, from: text(4096, 1) },
    ['runId', 'model', 'version'],
  ),
  /** Uploads a version's files to a remote's LFS storage (a member alone). */
  'models:push': object({
    runId: text(64, 1),
    model: slug,
    version: version,
    remote: text(4096, 1),
  }),
  'sync:remotes': none,
  'sync:addRemote': object({
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' },
    url: text(4096, 1),
  }),
  'sync:removeRemote': object({
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$' },
  }),
  /** Syncs with a remote by name, a URL, a bundle file or a repo folder. */
  'sync:run': object({ runId: text(64, 1), target: text(4096, 1) }),
  /** A bundle of the whole repo, as base64, to save on a USB stick. */
  'sync:bundleExport': none,
  'sync:bundleImport': object({
    runId: text(64, 1),
    name: text(255, 1),
    base64: text(200_000_000, 1),
  }),
  /** Decisions, votes and ownership history of a date range, for an auditor. */
  'audit:export': object({ from: date, to: date, format: { enum: ['csv', 'html'] } }, ['format']),
  'review:get': none,
  /**
   * The host opens the app to the room's network (a listener on this machine's LAN address, the
   * session code required of every browser there) or closes it again.
   */
  'review:host': object({ open: { type: 'boolean' } }),
  /** The host puts a proposal on the wall; participants' review screens follow it. */
  'review:present': object({ proposal: statementId }),
} as const satisfies Record<string, Schema>;

/** Event channels and the schema of each one's payload. */
export const eventSchemas = {
  /** The repo's head moved: a vote, a sync, a command run beside the app. */
  'group:onDidChange': object({ head: text(64) }),
  /** Bytes read, hashed or copied by a model import or load under way. */
  'models:onDidProgress': object({
    runId: text(64),
    file: text(4096),
    bytes: { type: 'integer' },
    total: { type: 'integer' },
  }),
  /** Bytes moved by a model fetch or push under way, of all it has to move, and how fast. */
  'models:onDidTransfer': object({
    runId: text(64),
    path: text(4096),
    bytes: { type: 'integer', minimum: 0 },
    total: { type: 'integer', minimum: 0 },
    rate: { type: 'number', minimum: 0 },
    source: text(4096),
  }),
  /** Generated text as it comes. */
  'models:onDidToken': object({ runId: text(64), text: text(100_000) }),
  /** An evaluation's items done. */
  'models:onDidItem': object({
    runId: text(64),
    done: { type: 'integer' },
    total: { type: 'integer' },
  }),
  'sync:onDidProgress': object({
    runId: text(64),
    phase: text(64),
    done: { type: 'integer' },
    total: { type: 'integer' },
  }),
  /** The room changed: opened or closed to the network, or another proposal on the wall. */
  'review:onDidChange': object({ presenting: text(64), hosting: { type: 'boolean' } }),
} as const satisfies Record<string, Schema>;

export type RequestChannel = keyof typeof requestSchemas;
export type EventChannel = keyof typeof eventSchemas;

export const requestChannels = Object.keys(requestSchemas) as RequestChannel[];
export const eventChannels = Object.keys(eventSchemas) as EventChannel[];

export type VoteArg = { proposal: string; reason?: string } & (
  { choice: Choice } | { options: number[] }
);

export type CreateArg = {
  [K in ProposalKind]: { kind: K; title: string; body?: string; params: ProposalParams[K] };
}[ProposalKind];

/** Each request's argument and result. */
export type Requests = {
  'app:version': { arg: Empty; result: { version: string } };
  'session:get': { arg: Empty; result: SessionView };
  'session:join': { arg: { code: string }; result: SessionView };
  'session:unlock': { arg: { passphrase: string; remember?: boolean }; result: SessionView };
  'session:unlockFile': { arg: { identity: string; passphrase: string }; result: SessionView };
  'session:lock': { arg: Empty; result: SessionView };
  'session:forget': { arg: Empty; result: SessionView };
  'group:get': { arg: { since?: string; epoch?: string }; result: GroupSnapshot | GroupDelta };
  'proposals:create': { arg: CreateArg; result: Written };
  'proposals:vote': { arg: VoteArg; result: Written };
  'proposals:close': { arg: { proposal: string }; result: Written };
  'proposals:withdraw': { arg: { proposal: string }; result: Written };
  'proposals:certify': { arg: { proposal: string }; result: Written };
  'proposals:consent': { arg: { proposal: string }; result: Written };
  'app:get': { arg: Empty; result: AppView };
  'identity:create': { arg: { name: string; passphrase: string }; result: SessionView };
  'identity:import': { arg: { identity: string; passphrase: string }; result: SessionView };
  'identity:export': { arg: Empty; result: { identity: string; name: string } };
  'identity:rotate': { arg: { passphrase: string }; result: SessionView };
  'group:found': {
    arg: { name: string; votingPeriodHours?: number; founders?: { name: string; key: string }[] };
    result: AppView;
  };
  'group:signCharter': { arg: Empty; result: AppView };
  'group:open': { arg: { dir: string }; result: AppView };
  'group:list': { arg: Empty; result: { groups: KnownGroup[] } };
  'group:join': { arg: { source: string }; result: AppView };
  'group:openDemo': { arg: Empty; result: AppView };
  'models:local': { arg: Empty; result: { models: LocalModelStatus[] } };
  'models:import': {
    arg: { runId: string; dir: string; model: string; version: string };
    result: ImportedModel;
  };
  'models:verify': { arg: { model: string; version: string }; result: ModelFileCheck };
  'models:run': { arg: RunArg; result: RunOutput & { model: string; version: string } };
  'models:eval': { arg: EvalArg; result: EvalView };
  'models:cancel': { arg: { runId: string }; result: { cancelled: boolean } };
  'models:fetch': {
    arg: { runId: string; model: string; version: string; from?: string };
    result: FetchView;
  };
  'models:push': {
    arg: { runId: string; model: string; version: string; remote: string };
    result: PushView;
  };
  'sync:remotes': { arg: Empty; result: { remotes: RemoteView[] } };
  'sync:addRemote': { arg: { name: string; url: string }; result: { remotes: RemoteView[] } };
  'sync:removeRemote': { arg: { name: string }; result: { remotes: RemoteView[] } };
  'sync:run': { arg: { runId: string; target: string }; result: SyncView };
  'sync:bundleExport': { arg: Empty; result: { name: string; base64: string } };
  'sync:bundleImport': { arg: { runId: string; name: string; base64: string }; result: SyncView };
  'audit:export': {
    arg: { from?: string; to?: string; format: 'csv' | 'html' };
    result: { files: AuditFile[] };
  };
  'review:get': { arg: Empty; result: ReviewView };
  'review:host': { arg: { open: boolean }; result: ReviewView };
  'review:present': { arg: { proposal: string }; result: ReviewView };
};

type Empty = Record<string, never>;

export type Events = {
  'group:onDidChange': { head: string };
  'models:onDidProgress': ProgressEvent;
  'models:onDidTransfer': TransferEvent;
  'models:onDidToken': { runId: string; text: string };
  'models:onDidItem': { runId: string; done: number; total: number };
  'sync:onDidProgress': { runId: string; phase: string; done: number; total: number };
  /** `presenting` is '' when no proposal is on the wall. */
  'review:onDidChange': { presenting: string; hosting: boolean };
};

export type { Identity, SessionView, GroupSnapshot, GroupDelta, AppView };
export type { KnownGroup, LocalModelStatus, RunOutput, ReviewView };

/** What the preload exposes as `window.steward`, and what the HTTP client implements too. */
export type StewardBridge = {
  invoke(channel: RequestChannel, arg: unknown): Promise<unknown>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
};

/** The typed client the UI talks to; it cannot tell which transport carries it. */
export type StewardClient = {
  invoke<C extends RequestChannel>(
    channel: C,
    arg: Requests[C]['arg'],
  ): Promise<Requests[C]['result']>;
  on<E extends EventChannel>(event: E, listener: (payload: Events[E]) => void): () => void;
};

/** How an error crosses either transport: a rejected invoke carries this. */
export type ApiError = ErrorJSON;

export const isRequestChannel = (name: unknown): name is RequestChannel =>
  typeof name === 'string' && Object.hasOwn(requestSchemas, name);

export const isEventChannel = (name: unknown): name is EventChannel =>
  typeof name === 'string' && Object.hasOwn(eventSchemas, name);
