/** What sync tests check of peers' repos after each step. */
import { expect } from 'vitest';
import type { Peers, Snapshot } from './sync-peers';

/** Snapshots of repo folders, to compare after something that must change nothing. */
export const snapshots = (peers: Peers, ...dirs: string[]): Map<string, Snapshot> =>
  new Map(dirs.map((d) => [d, peers.snapshot(d)]));

/** Every repo is as it was: main, git status, every file of the folder byte for byte. */
export const expectUnchanged = (peers: Peers, before: Map<string, Snapshot>): void => {
  for (const [dir, snapshot] of before) expect(peers.snapshot(dir), dir).toEqual(snapshot);
};

/** `git status --porcelain` and `git diff --cached` both empty. */
export const expectClean = (peers: Peers, dir: string, label = dir): void => {
  expect(peers.clean(dir), label).toEqual({ status: '', cached: '' });
};

/** The same main everywhere, work trees and indexes clean, git fsck --strict passing; main. */
export const expectInSync = (peers: Peers, ...dirs: string[]): string => {
  const head = peers.head(dirs[0]!);
  for (const dir of dirs) {
    expect(peers.head(dir), dir).toBe(head);
    peers.fsck(dir);
    if (peers.git(dir, 'rev-parse', '--is-bare-repository') === 'false') expectClean(peers, dir);
  }
  return head!;
};

/** The files of main's tree, sorted. */
export const paths = (peers: Peers, dir: string): string[] => [...peers.tree(dir).keys()].sort();
