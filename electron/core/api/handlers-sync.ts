/**
 * The sync screen: remotes (addresses, or folders holding a copy of the group), a sync by any
 * route with progress, and bundles to carry on a USB stick. The host's own client alone: a sync
 * reads and writes the host's folders and remotes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { SyncView } from '../../../shared/api-types';
import { createBundle } from '../sync/bundle';
import { addRemoteOrFolder, folderRemote, recordFolderHead } from '../sync/folder-remotes';
import { remotesWithStatus, removeRemote } from '../sync/remotes';
import { resolveTargets, syncWith, type SyncReport, type SyncTarget } from '../sync/sync';
import type { ApiContext, ApiSession, Handlers } from './api';

type Channels =
  | 'sync:remotes'
  | 'sync:addRemote'
  | 'sync:removeRemote'
  | 'sync:run'
  | 'sync:bundleExport'
  | 'sync:bundleImport';

const viewOf = (r: SyncReport): SyncView => ({
  target: r.target,
  route: r.route,
  objects: r.objects,
  bytes: r.bytes,
  pushed: r.pushed,
  new: {
    proposals: r.new.proposals.map((p) => ({ id: p.id, title: p.title })),
    votes: r.new.votes.map((v) => ({ id: v.id })),
    closes: r.new.closes.map((c) => ({ id: c.id })),
    quarantined: r.new.quarantined.map((q) => ({ path: q.path, reason: q.reason })),
  },
});

const syncTo = async (ctx: ApiContext, session: ApiSession, runId: string, target: string) => {
  const ledger = ctx.workspace.ledger();
  // A folder remote goes by the folder route; every other target as `steward sync` reads it.
  const folder = await folderRemote(ledger.repo, target);
  const targets: SyncTarget[] = folder
    ? [{ route: 'folder', path: folder.url }]
    : await resolveTargets(ledger, target);
  const reports: SyncView[] = [];
  for (const t of targets) {
    const report = await syncWith(ledger, t, {
      auth: { signer: () => Promise.resolve(session.signer) },
      now: ctx.now(),
      onProgress: (p) => {
        const done = 'loaded' in p ? p.loaded : p.done;
        const total = 'total' in p && typeof p.total === 'number' ? p.total : 0;
        ctx.emit('sync:onDidProgress', { runId, phase: p.phase, done, total }, session.id);
      },
    });
    if (folder) await recordFolderHead(ledger.repo, folder);
    reports.push({ ...viewOf(report), ...(folder && { target: folder.name }) });
  }
  await ctx.changed();
  return reports[0]!;
};

export const syncHandlers = (ctx: ApiContext): Handlers<Channels> => ({
  'sync:remotes': async (_arg, session) => {
    ctx.requireHost(session);
    return { remotes: await remotesWithStatus(ctx.workspace.ledger().repo) };
  },
  'sync:addRemote': async (arg, session) => {
    ctx.requireHost(session);
    const { repo } = ctx.workspace.ledger();
    await addRemoteOrFolder(repo, arg.name, arg.url);
    return { remotes: await remotesWithStatus(repo) };
  },
  'sync:removeRemote': async (arg, session) => {
    ctx.requireHost(session);
    const { repo } = ctx.workspace.ledger();
    await removeRemote(repo, arg.name);
    return { remotes: await remotesWithStatus(repo) };
  },
  'sync:run': (arg, session) => {
    ctx.requireHost(session);
    return syncTo(ctx, session, arg.runId, arg.target);
  },
  'sync:bundleExport': async (_arg, session) => {
    ctx.requireHost(session);
    const ledger = ctx.workspace.ledger();
    const { bytes, head } = await createBundle(ledger.repo);
    const { state } = await ctx.snapshot();
    const name = (state.group?.name ?? 'group').replace(/[^A-Za-z0-9._-]+/g, '-');
    return { name: `${name}-${head.slice(0, 8)}.bundle`, base64: bytes.toString('base64') };
  },
  'sync:bundleImport': async (arg, session) => {
    ctx.requireHost(session);
    const dir = await mkdtemp(join(tmpdir(), 'steward-bundle-'));
    try {
      const file = join(
        dir,
        basename(arg.name).endsWith('.bundle') ? basename(arg.name) : 'import.bundle',
      );
      await writeFile(file, Buffer.from(arg.base64, 'base64'));
      // Reported by the name the user gave it, not the temporary copy's path.
      return { ...(await syncTo(ctx, session, arg.runId, file)), target: basename(arg.name) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});
