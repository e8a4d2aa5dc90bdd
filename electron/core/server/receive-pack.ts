/**
 * `POST /git-receive-pack`: a member's push. The body holds commands (`<old> <new> <ref>`, the
 * first with the client's capabilities), a flush, then the pack. Only `refs/heads/main` moves,
 * only forward, and only through `integrate`, which checks every object and refuses to change an
 * existing statement. The answer is git's report-status, in side-band when the client asked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StewardError } from '../../../shared/errors';
import { REF } from '../ledger/repo';
import { integrate } from '../sync/integrate';
import { readPack, type PackedObject } from '../sync/pack';
import {
  type GitContext,
  SideBandWriter,
  sendErr,
  startGitResponse,
  ZERO_OID,
} from './git-context';
import { readBody } from './http';
import type { MemberAuth } from './member-auth';
import { FLUSH, PktReader, pktLine } from './pkt-line';

const RESULT = 'application/x-git-receive-pack-result';

type Command = { old: string; new: string; ref: string };

/** What a ref's line of the report says: `ok`, or `ng` and why. */
type RefStatus = { ref: string; error?: string };

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

class Refusal extends Error {}

const parseCommands = (reader: PktReader): { commands: Command[]; caps: Set<string> } => {
  const commands: Command[] = [];
  let caps = new Set<string>();
  for (let line = reader.nextText(); line !== undefined; line = reader.nextText()) {
    const m = /^([0-9a-f]{40}) ([0-9a-f]{40}) ([^\0 ]+)(?:\0(.*))?$/.exec(line);
    if (!m) {
      if (/^(shallow|push-cert)\b/.test(line))
        throw new Refusal('receive-pack: shallow pushes and push certificates are not supported');
      throw new Refusal(
        `receive-pack: expected a command, got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    if (commands.length === 0 && m[4] !== undefined) {
      caps = new Set(m[4].split(' ').filter(Boolean));
    }
    commands.push({ old: m[1]!, new: m[2]!, ref: m[3]! });
  }
  return { commands, caps };
};

/** Commands this server turns down whatever the pack holds; undefined for the one it may take. */
const refusalOf = (command: Command, commands: Command[]): string | undefined => {
  if (command.ref !== REF) return `only ${REF} can be pushed to`;
  if (command.new === ZERO_OID) return `${REF} cannot be deleted`;
  if (commands.filter((c) => c.ref === REF).length > 1) return `${REF} is named twice`;
  return undefined;
};

const progressLine = {
  check: (n: number) => `Checking objects: ${n}\r`,
  merge: () => 'Merging histories\r',
  write: (n: number) => `Writing objects: ${n}, done.\n`,
};

/** Reads and integrates the pack for `main`; the unpack status, and main's own. */
const apply = async (
  ctx: GitContext,
  member: string,
  main: Command,
  pack: Buffer,
  say: (message: string) => void,
): Promise<{ unpack?: string; error?: string }> => {
  let objects: Map<string, PackedObject>;
  try {
    objects = await readPack(
      pack,
      (oid) => ctx.repo.objects.read(oid),
      ({ done, total }) => say(`Unpacking objects: ${done}/${total}\r`),
    );
  } catch (error) {
    if (!(error instanceof StewardError)) throw error;
    return { unpack: oneLine(error.message), error: 'unpacker error' };
  }
  say(`Unpacking objects: ${objects.size}, done.\n`);
  say('Checking objects: 0\r');
  try {
    const result = await integrate(ctx.repo, objects, main.new, {
      fastForwardFrom: main.old === ZERO_OID ? null : main.old,
      onProgress: ({ phase, done, total }) => say(progressLine[phase](total ?? done)),
    });
    // integrate calls a commit that main already holds up to date; for a push, that is a rewind.
    if (result.after !== main.new) {
      return {
        error: `not a fast-forward: ${REF} already holds ${main.new.slice(0, 12)} and more, and statements are never removed`,
      };
    }
    const added = result.added.map((a) => a.path);
    const files =
      added.length === 1 ? '1 new statement file' : `${added.length} new statement files`;
    say(`${files} (${result.outcome})\n`);
    ctx.emit({ type: 'push', member, ...result, added });
    return {};
  } catch (error) {
    if (!(error instanceof StewardError) || error.code === 'internal') throw error;
    return { error: oneLine(error.message) };
  }
};

const report = (unpack: string | undefined, statuses: RefStatus[]): Buffer =>
  Buffer.concat([
    pktLine(`unpack ${unpack ?? 'ok'}\n`),
    ...statuses.map((s) => pktLine(s.error ? `ng ${s.ref} ${s.error}\n` : `ok ${s.ref}\n`)),
    FLUSH,
  ]);

export const handleReceivePack = async (
  ctx: GitContext,
  auth: MemberAuth,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  // Checked before the body is read, so no one but a member can make this server take 512 MB.
  await auth.require(req, false);
  const body = await readBody(req, ctx.limits.pushBytes);
  const reader = new PktReader(body);
  let parsed: ReturnType<typeof parseCommands>;
  try {
    parsed = parseCommands(reader);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    sendErr(res, RESULT, error.message);
    return;
  }
  const { commands, caps } = parsed;
  // A bare flush: git's probe before a large push, checking the credentials it will use.
  if (commands.length === 0) {
    startGitResponse(res, RESULT);
    res.end();
    return;
  }
  // The request that writes spends the proof: replaying it fails from here on.
  const member = await auth.require(req, true);
  const pack = body.subarray(reader.offset);
  const out = caps.has('side-band-64k') ? new SideBandWriter(res, !caps.has('quiet')) : undefined;
  startGitResponse(res, RESULT);
  const statuses: RefStatus[] = commands.map((c) => ({
    ref: c.ref,
    error: refusalOf(c, commands),
  }));
  if (caps.has('atomic') && statuses.some((s) => s.error)) {
    for (const s of statuses) s.error ??= 'atomic push failed';
  }
  let unpack: string | undefined;
  const main = statuses.findIndex((s) => !s.error);
  if (main >= 0) {
    // The keep-alive repeats the step under way: a line ending in \r, which the next replaces.
    let current = 'Unpacking objects: 0\r';
    out?.keepAlive(() => current);
    try {
      const result = await apply(ctx, member, commands[main]!, pack, (message) => {
        if (message.endsWith('\r')) current = message;
        out?.say(message);
      });
      unpack = result.unpack;
      statuses[main]!.error = result.error;
      // The members may have changed: know them before the next push asks.
      if (!result.error) auth.warm((error) => ctx.emit({ type: 'error', error }));
    } catch (error) {
      ctx.emit({ type: 'error', error });
      statuses[main]!.error = 'the server failed to take the push; see its log';
    } finally {
      out?.stop();
    }
  }
  for (const s of statuses) {
    if (!s.error) continue;
    const reason = `${s.ref}: ${s.error}${unpack ? ` (${unpack})` : ''}`;
    ctx.emit({ type: 'push-rejected', member, reason });
  }
  // Without report-status the client asked to hear nothing back.
  const status = caps.has('report-status') ? report(unpack, statuses) : Buffer.alloc(0);
  if (out) {
    if (status.length > 0) out.data(status);
    out.end();
  } else res.end(status);
};
