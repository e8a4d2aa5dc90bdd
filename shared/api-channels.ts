/**
 * The one contract between the UI and the app, whatever carries it (Electron IPC, or HTTP and
 * WebSocket from `steward serve`): every request and event by name, a JSON Schema for each
 * request's argument and each event's payload, and the TypeScript types of both ends. The names
 * are also the runtime allowlist: a channel missing here cannot be reached from the page.
 */
import type { ErrorJSON } from './errors';
import type { DerivedState, ProposalView } from './derive/state';
import { proposalKinds, type ProposalKind } from './format/kinds';
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
const none = object({});

/** Request channels and the schema of each one's argument. */
export const requestSchemas = {
  'app:version': none,
  /** Who this client is: read-only, or signed in as a member. */
  'session:get': none,
  /** A browser on the room's network proves it was told the code shown on the host's screen. */
  'session:join': object({ code: text(32, 1) }),
  /** Unlocks this machine's identity (Electron, or the host's own browser on 127.0.0.1). */
  'session:unlock': object({ passphrase: text(1024, 1) }),
  /** Unlocks a sealed identity file the participant brings (a browser in a review session). */
  'session:unlockFile': object({ identity: text(20_000, 2), passphrase: text(1024, 1) }),
  'session:lock': none,
  /** The derived state at the repo's head. */
  'group:get': none,
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
} as const satisfies Record<string, Schema>;

/** Event channels and the schema of each one's payload. */
export const eventSchemas = {
  /** The repo's head moved: a vote, a sync, a command run beside the app. */
  'group:onDidChange': object({ head: text(64) }),
} as const satisfies Record<string, Schema>;

export type RequestChannel = keyof typeof requestSchemas;
export type EventChannel = keyof typeof eventSchemas;

export const requestChannels = Object.keys(requestSchemas) as RequestChannel[];
export const eventChannels = Object.keys(eventSchemas) as EventChannel[];

export type Identity = { id: string; name: string; publicKey: string };

export type SessionView = {
  /** How this client reaches the app. */
  transport: 'electron' | 'http';
  /** Signed in as: absent when read-only. */
  identity?: Identity;
  /** Whether the identity is a member of the group now (and so may write). */
  member: boolean;
  /** Whether this machine has an identity to unlock with `session:unlock`. */
  localIdentity?: Identity;
  /** The host asks for its session code before anything else (a browser on the LAN). */
  needsCode: boolean;
};

export type GroupSnapshot = { head: string; state: DerivedState };

export type VoteArg = { proposal: string; reason?: string } & (
  { choice: Choice } | { options: number[] }
);

export type CreateArg = {
  [K in ProposalKind]: { kind: K; title: string; body?: string; params: ProposalParams[K] };
}[ProposalKind];

/** Each request's argument and result. */
export type Requests = {
  'app:version': { arg: Record<string, never>; result: { version: string } };
  'session:get': { arg: Record<string, never>; result: SessionView };
  'session:join': { arg: { code: string }; result: SessionView };
  'session:unlock': { arg: { passphrase: string }; result: SessionView };
  'session:unlockFile': { arg: { identity: string; passphrase: string }; result: SessionView };
  'session:lock': { arg: Record<string, never>; result: SessionView };
  'group:get': { arg: Record<string, never>; result: GroupSnapshot };
  'proposals:create': { arg: CreateArg; result: { id: string; proposal: ProposalView } };
  'proposals:vote': { arg: VoteArg; result: { id: string; proposal: ProposalView } };
  'proposals:close': { arg: { proposal: string }; result: { id: string; proposal: ProposalView } };
  'proposals:withdraw': {
    arg: { proposal: string };
    result: { id: string; proposal: ProposalView };
  };
};

export type Events = { 'group:onDidChange': { head: string } };

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
