/**
 * `POST /git-upload-pack`: a fetch or a clone, in git's stateless-RPC form of protocol v0/v1.
 * Each request repeats the client's wants, then carries one round of haves ending in a flush
 * (more rounds to come) or in `done` (send the pack). Negotiation answers as git's upload-pack.c
 * does with multi_ack_detailed: `ACK <oid> common` for each have this repo holds, `NAK` at the end
 * of a round; after `done`, `ACK <last common>` or `NAK`, then the pack over side-band-64k.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readHead } from '../ledger/repo';
import { ancestors, objectsToSend, type ReadObject } from '../sync/graph';
import { writePack } from '../sync/pack';
import { type GitContext, SideBandWriter, sendErr, startGitResponse } from './git-context';
import { readBody } from './http';
import { PktReader, pktLine } from './pkt-line';

const RESULT = 'application/x-git-upload-pack-result';

/** A request git's upload-pack would refuse: answered with an `ERR` line. */
class Refusal extends Error {}

type UploadRequest = { wants: string[]; caps: Set<string>; haves: string[]; done: boolean };

export const parseUploadRequest = (body: Buffer): UploadRequest => {
  const reader = new PktReader(body);
  const wants: string[] = [];
  let caps = new Set<string>();
  for (let line = reader.nextText(); line !== undefined; line = reader.nextText()) {
    const want = /^want ([0-9a-f]{40})(?: (.*))?$/.exec(line);
    if (want) {
      if (wants.length === 0) caps = new Set((want[2] ?? '').split(' ').filter(Boolean));
      if (!wants.includes(want[1]!)) wants.push(want[1]!);
    } else if (/^(shallow|deepen|deepen-since|deepen-not|deepen-relative|filter)\b/.test(line)) {
      throw new Refusal('upload-pack: shallow and partial clones are not supported here');
    } else {
      throw new Refusal(
        `upload-pack: expected a want line, got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
  }
  const haves: string[] = [];
  // No wants: git's upload-pack sends nothing at all, whatever follows.
  if (wants.length === 0) return { wants, caps, haves, done: false };
  for (;;) {
    if (reader.done) throw new Refusal('upload-pack: the request ends before `done` or a flush');
    const line = reader.nextText();
    if (line === undefined) return { wants, caps, haves, done: false };
    if (line === 'done') return { wants, caps, haves, done: true };
    const have = /^have ([0-9a-f]{40})$/.exec(line)?.[1];
    if (!have) {
      throw new Refusal(
        `upload-pack: expected a have line, got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    haves.push(have);
  }
};

/**
 * Reads objects for a long walk, handing the event loop back now and then: packed objects come
 * from memory without ever waiting, and a walk that never waits would starve the timer that keeps
 * the response alive.
 */
const yieldingReader = (ctx: GitContext): { read: ReadObject; count: () => number } => {
  let reads = 0;
  const read: ReadObject = async (oid) => {
    if (++reads % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    // Held to the ledger's limits: an oversized object is refused, never inflated to be sent.
    return ctx.repo.objects.readForSync(oid);
  };
  return { read, count: () => reads };
};

/** Wants must be what was advertised, or (the branch moved between two requests) below it. */
const checkWants = async (ctx: GitContext, read: ReadObject, wants: string[]): Promise<void> => {
  const head = await readHead(ctx.repo);
  let reachable: Set<string> | undefined;
  for (const want of wants) {
    if (want === head) continue;
    reachable ??= head ? await ancestors(read, [head]) : new Set();
    if (!reachable.has(want)) throw new Refusal(`upload-pack: not our ref ${want}`);
  }
};

const sendPack = async (
  ctx: GitContext,
  res: ServerResponse,
  request: UploadRequest,
  common: string[],
): Promise<void> => {
  const { read, count } = yieldingReader(ctx);
  const band = request.caps.has('side-band-64k');
  const out = band ? new SideBandWriter(res, !request.caps.has('no-progress')) : undefined;
  // Progress in git's own words, which git and isomorphic-git show (and report) as they come.
  out?.say('Enumerating objects: 0\r');
  out?.keepAlive(() => `Enumerating objects: ${count()}\r`);
  try {
    // What the client holds: every commit below the haves this repo shares with it.
    const theirs = common.length > 0 ? await ancestors(read, common) : new Set<string>();
    const { objects } = await objectsToSend(
      read,
      request.wants,
      (oid) => theirs.has(oid),
      // The client's newest commits: what their trees hold is not sent again.
      common.slice(0, 4),
    );
    const n = objects.length;
    out?.say(`Enumerating objects: ${count()}, done.\nCounting objects: 100% (${n}/${n}), done.\n`);
    const { pack } = writePack(objects);
    out?.say(
      `Total ${n} (delta 0), reused 0 (delta 0), pack ${Math.ceil(pack.length / 1024)} KiB\n`,
    );
    if (out) {
      out.data(pack);
      out.end();
    } else res.end(pack);
    ctx.emit({ type: 'fetch', wants: request.wants, objects: objects.length, bytes: pack.length });
  } catch (error) {
    ctx.emit({ type: 'error', error });
    // The status line has gone out: band 3 is the one way left to say why.
    if (out) out.fail('upload-pack: the server failed to make the pack; see its log');
    else res.destroy();
  }
};

export const handleUploadPack = async (
  ctx: GitContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const body = await readBody(req, ctx.limits.fetchBytes);
  let request: UploadRequest;
  try {
    request = parseUploadRequest(body);
    await checkWants(ctx, (oid) => ctx.repo.objects.read(oid), request.wants);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    ctx.emit({ type: 'refused', service: 'git-upload-pack', reason: error.message });
    sendErr(res, RESULT, error.message);
    return;
  }
  startGitResponse(res, RESULT);
  if (request.wants.length === 0) {
    res.end();
    return;
  }
  const lines: Buffer[] = [];
  const common: string[] = [];
  let last: string | undefined;
  for (const have of request.haves) {
    const object = await ctx.repo.objects.read(have);
    if (!object) continue;
    lines.push(pktLine(`ACK ${have} common\n`));
    last = have;
    if (object.type === 'commit') common.push(have);
  }
  if (!request.done) {
    res.end(Buffer.concat([...lines, pktLine('NAK\n')]));
    return;
  }
  lines.push(pktLine(last ? `ACK ${last}\n` : 'NAK\n'));
  res.write(Buffer.concat(lines));
  await sendPack(ctx, res, request, common);
};
