/**
 * What the UI's requests return and its events carry, beyond the derived state: the views of this
 * machine (identity, group folder, local models, remotes) that only the app's host can see.
 */
import type { DerivedState, ProposalView } from './derive/state';
import type { EvidenceTask } from './format/kinds';

export type Identity = { id: string; name: string; publicKey: string };

export type SessionView = {
  /** How this client reaches the app. */
  transport: 'electron' | 'http';
  /** Signed in as: absent when read-only. */
  identity?: Identity;
  /** Whether the identity is a member of the group now (and so may write). */
  member: boolean;
  /** This machine's identity, which `session:unlock` opens (the host's own window only). */
  localIdentity?: Identity;
  /** The host asks for its session code before anything else (a browser on the LAN). */
  needsCode: boolean;
  /** This client is the host's own (Electron, or a browser on this machine): it may set up. */
  host: boolean;
  /**
   * The desktop app alone: whether the system keychain can remember this machine's passphrase
   * (`session:unlock` with `remember`), and whether it does (`session:forget` to stop).
   */
  passphrase?: { canRemember: boolean; remembered: boolean };
};

export type AppView = {
  version: string;
  transport: 'electron' | 'http';
  /** The group open in the app, if any (none before the guided start). */
  group?: { dir: string; name?: string; demo: boolean };
  /** Whether this machine has an identity. */
  hasIdentity: boolean;
  /** Whether the group folder can change (not when `steward serve` serves one repo). */
  canSwitch: boolean;
  /**
   * The open folder holds a charter draft still waiting for founders' signatures (no group yet):
   * who founds it, and whether each has signed.
   */
  charterDraft?: { name: string; founders: { id: string; name: string; signed: boolean }[] };
};

/** A group folder this machine knows (the host's own client alone sees the list). */
export type KnownGroup = {
  dir: string;
  /** The group's name, when its charter can be read. */
  name?: string;
  demo: boolean;
  /** The group the app has open now. */
  open: boolean;
};

export type GroupSnapshot = {
  head: string;
  state: DerivedState;
  /**
   * Which run of the server derived it (`group:get` only): changes are sent only since a state
   * of the same run, whose first state at a head it still knows.
   */
  epoch?: string;
};

/**
 * The state at `head` as changes to the state at `since`: everything but the proposals whole,
 * and of the proposals those new or changed, and the ids of those gone.
 */
export type GroupDelta = {
  head: string;
  since: string;
  epoch?: string;
  state: Omit<DerivedState, 'proposals'>;
  proposals: { changed: ProposalView[]; removed: string[] };
};

export type Written = { id: string; proposal: ProposalView };

export type LocalModelStatus = {
  model: string;
  version: string;
  /**
   * runnable: imported, unchanged and allowed; the others say why it may not run
   * (not-registered: imported here, but not a version the group registered).
   */
  status:
    'runnable' | 'not-imported' | 'files-differ' | 'not-approved' | 'retired' | 'not-registered';
  message?: string;
  imported?: string;
  bytes?: number;
  /** The imported files with their hashes (the host's own client only). */
  files?: { path: string; sha256: string; size: number }[];
  /** The task its config names (GPT2LMHeadModel: text-generation), when it names one. */
  task?: EvidenceTask;
  /**
   * For a registered version: how many of the files its record lists are in this computer's
   * store, out of how many, and the bytes still missing (null when a record gives no size).
   */
  filesHere?: number;
  filesTotal?: number;
  missingBytes?: number | null;
  /** An approve-use of this version has passed. */
  approved?: boolean;
};

export type ModelFileCheck = {
  model: string;
  version: string;
  ok: boolean;
  mismatched: { path: string; expected: string; actual: string }[];
  missing: string[];
  extra: string[];
};

export type ImportedModel = {
  model: string;
  version: string;
  files: { path: string; sha256: string; size: number }[];
  proposal?: { id: string; kind: string };
};

export type RunOutput =
  | {
      task: 'text-generation';
      text: string;
      tokens: number;
      stopped: 'eos' | 'length' | 'cancelled';
      ms: number;
    }
  | { task: 'text-classification'; labels: { label: string; score: number }[]; ms: number }
  | { task: 'feature-extraction'; embedding: number[] | number[][]; dims: number[]; ms: number };

export type RunArg = {
  runId: string;
  model: string;
  version?: string;
  task: EvidenceTask;
  input: string;
  maxNewTokens?: number;
};

export type EvalArg = {
  runId: string;
  model: string;
  version?: string;
  task: EvidenceTask;
  /** The dataset's JSON lines, and the name it is recorded under. */
  dataset: string;
  datasetName: string;
  proposal?: string;
};

export type EvalView = {
  model: string;
  version: string;
  dataset: { name: string; sha256: string; items: number };
  metrics: Record<string, number>;
  outputs: string;
  items: { input: string; expected?: unknown; output: unknown; correct?: boolean; ms: number }[];
  evidence?: { id: string; proposal: string };
};

export type RemoteView = {
  name: string;
  url: string;
  /**
   * Where this repo stands with it as of the last sync: when that was (none: never, or not
   * known), and the commits each side had that the other did not (`ahead` counts up to 1000).
   */
  status?: { synced?: string; ahead: number; behind: number };
};

export type SyncView = {
  target: string;
  route: string;
  objects: number;
  bytes: number;
  pushed: boolean;
  new: {
    proposals: { id: string; title: string }[];
    votes: { id: string }[];
    closes: { id: string }[];
    quarantined: { path: string; reason: string }[];
  };
};

export type AuditFile = { name: string; content: string };

export type ReviewView = {
  /** Addresses a participant's browser can open. */
  urls: string[];
  /** The code they must enter; none when only this machine can connect. */
  code?: string;
  /** The proposal on the wall (`review:present`), which participants' review screens follow. */
  presenting?: string;
  /** The app itself has opened a listener to the room's network (`review:host`). */
  hosting?: boolean;
  /** This client may open or close the app to the room's network: the host's own, in the app. */
  canHost?: boolean;
};

export type ProgressEvent = { runId: string; file: string; bytes: number; total: number };

/** A model fetch or push under way: bytes moved so far of all, and the rate (bytes/s, 0: unknown). */
export type TransferEvent = {
  runId: string;
  path: string;
  bytes: number;
  total: number;
  rate: number;
  source: string;
};

/** One file of a fetch, and where it came from (`source` null: it was here, or nobody had it). */
export type FetchedFileView = {
  path: string;
  sha256: string;
  size: number | null;
  source: string | null;
  status: 'present' | 'fetched' | 'missing';
};

/** What a fetch brought, and each source's copy that was refused, with why. */
export type FetchView = {
  model: string;
  version: string;
  files: FetchedFileView[];
  fetched: number;
  bytes: number;
  refused: { source: string; path: string; sha256: string; reason: string }[];
};

/** What a push uploaded to a remote, and what the remote held already. */
export type PushView = {
  model: string;
  version: string;
  target: string;
  files: { path: string; sha256: string; size: number; status: 'uploaded' | 'already-there' }[];
  uploaded: number;
  bytes: number;
};
