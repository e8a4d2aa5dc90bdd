/**
 * Git LFS's batch API and basic transfer adapter, as both sides of Steward speak them
 * (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md, basic-transfers.md), and what
 * Steward's own fetch and push report. An LFS oid is a file's SHA-256 in lowercase hex: exactly
 * the hash a model record holds.
 */

/** The media type of every batch request and response. */
export const LFS_MEDIA_TYPE = 'application/vnd.git-lfs+json';

export type LfsOperation = 'download' | 'upload';

export type LfsPointer = { oid: string; size: number };

export type LfsBatchRequest = {
  operation: LfsOperation;
  transfers?: string[];
  ref?: { name: string };
  objects: LfsPointer[];
  hash_algo?: string;
};

export type LfsAction = {
  href: string;
  header?: Record<string, string>;
  expires_in?: number;
  expires_at?: string;
};

export type LfsObjectResult = LfsPointer & {
  authenticated?: boolean;
  actions?: { download?: LfsAction; upload?: LfsAction; verify?: LfsAction };
  error?: { code: number; message: string };
};

export type LfsBatchResponse = {
  transfer?: string;
  objects: LfsObjectResult[];
  hash_algo?: string;
};

/** Where a version's files can come from, or go to. */
export type LfsSource =
  /** An LFS endpoint: a peer's `steward serve` or a forge (`<repo URL>.git/info/lfs`). */
  | { kind: 'http'; name: string; url: string }
  /** A folder in Git LFS's object layout: `<dir>/lfs/objects/ab/cd/<oid>` (or `<dir>/.git/lfs/objects/…`). */
  | { kind: 'folder'; name: string; dir: string };

/**
 * One file of a fetch: `present` was here already, `fetched` came from `source`, `missing` no
 * source had it (or every source that had it served bytes that did not verify).
 */
export type FetchedFile = {
  path: string;
  sha256: string;
  size: number | null;
  source: string | null;
  status: 'present' | 'fetched' | 'missing';
};

/** A source's copy of a file that was refused, and why (a flipped byte, a wrong length, a 404…). */
export type Refusal = { source: string; path: string; sha256: string; reason: string };

export type FetchResult = {
  model: string;
  version: string;
  files: FetchedFile[];
  /** How many files came in. */
  fetched: number;
  /** How many bytes came over the wire (a resumed file counts only what was new). */
  bytes: number;
  refused: Refusal[];
};

export type TransferProgress = {
  /** The file being moved now. */
  path: string;
  /** Bytes moved so far in this fetch or push, and in all (what is missing). */
  bytes: number;
  total: number;
  /** Bytes per second over the last few seconds; 0 until known. */
  rate: number;
  source: string;
};

export type PushedFile = {
  path: string;
  sha256: string;
  size: number;
  status: 'uploaded' | 'already-there';
};

export type PushResult = {
  model: string;
  version: string;
  target: string;
  files: PushedFile[];
  uploaded: number;
  bytes: number;
};
