/**
 * Verify+derive throughput: `Ledger.load` (read every file at HEAD, check each, derive) against raw
 * Ed25519 verification of the same (message, signature, key) triples with `node:crypto`, single
 * threaded, KeyObjects made beforehand. Then the stages of a load, timed one by one.
 *
 *   npx tsx bench/load.ts DIR OUT.json    (DIR made by fixture.ts)
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { memberIdOf, type RepoFile } from '../shared/format/check';
import { checkEntries } from '../electron/core/ledger/check-pool';
import { signingBytes } from '../shared/format/envelope';
import type { Envelope } from '../shared/format/types';
import { derive } from '../shared/derive/derive';
import { nodeCrypto } from '../electron/core/crypto';
import { Ledger } from '../electron/core/ledger/ledger';
import { preloadBases } from '../electron/core/ledger/bases';
import { listFiles, makeBasisReader, readFiles } from '../electron/core/ledger/read';
import { openRepo } from '../electron/core/ledger/repo';
import { checkParts } from './check-parts';
import { loadAverage, machine, progress, ratio, readFixture, repoDir, summarize } from './lib';

const RUNS = Number(process.env.STEWARD_BENCH_LOAD_RUNS ?? 3);
const RAW_PER_RUN = 3;

type Triple = { message: Buffer; signature: Buffer; key: KeyObject };

const timed = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

/** Every signature in the files, ready for `crypto.verify` as a fast verifier would hold it. */
const triplesOf = (files: RepoFile[]): Triple[] => {
  const keys = new Map<string, KeyObject>();
  const keyOf = (x: string): KeyObject => {
    if (!keys.has(x))
      keys.set(x, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }));
    return keys.get(x)!;
  };
  return files.flatMap((f) => {
    const envelope = JSON.parse(Buffer.from(f.bytes!).toString('utf8')) as Envelope;
    const message = Buffer.from(signingBytes(envelope.statement));
    return envelope.signatures.map((s) => ({
      message,
      signature: Buffer.from(s.signature, 'base64url'),
      key: keyOf(s.key),
    }));
  });
};

const verifyAll = (triples: Triple[]): number => {
  const started = performance.now();
  for (const t of triples) {
    if (!verify(null, t.message, t.key, t.signature)) throw new Error('a signature failed');
  }
  return performance.now() - started;
};

/** Ledger.load's stages, each timed on its own, on a freshly opened repo. */
const stages = async (dir: string, now: Date) => {
  const repo = await openRepo(repoDir(dir));
  // Tree walk, then blobs read and checked on worker threads (Ledger.load overlaps the two).
  const [{ entries }, read] = await timed(() => listFiles(repo));
  const [checked, check] = await timed(() => checkEntries(repo, entries));
  const { files } = await readFiles(repo);
  const basis = makeBasisReader(repo);
  const [, bases] = await timed(() => preloadBases(checked, basis.load));
  const [, derived] = await timed(() =>
    derive({
      checked,
      basisOf: basis.get,
      memberIdOf: (key) => memberIdOf(nodeCrypto, key),
      now: now.getTime(),
    }),
  );
  const total = read + check + bases + derived;
  const stage = (ms: number) => ({
    ms: Math.round(ms),
    share: ratio(ms, total),
    usPerStatement: Math.round((ms * 1000) / files.length),
  });
  return {
    files,
    breakdown: {
      listFiles: stage(read),
      readAndCheck: stage(check),
      basisTrees: stage(bases),
      derive: stage(derived),
      total: Math.round(total),
    },
  };
};

const main = async (): Promise<void> => {
  const [dir, out] = process.argv.slice(2) as [string, string];
  const fixture = readFixture(dir);
  const now = new Date(fixture.now);
  const before = loadAverage();
  progress(`load ${fixture.statements}: timing the stages of a load one by one`);
  const { files, breakdown } = await stages(dir, now);
  progress(`load ${fixture.statements}: timing the parts of checkFile`);
  const parts = checkParts(files);
  const triples = triplesOf(files);
  const loads: number[] = [];
  const raws: number[] = [];
  let loaded: Awaited<ReturnType<Ledger['load']>> | undefined;
  for (let run = 0; run < RUNS; run++) {
    // A freshly opened ledger each time: nothing cached, as in a new process.
    const ledger = await Ledger.open(repoDir(dir));
    const [result, ms] = await timed(() => ledger.load(now));
    loads.push(ms);
    loaded = result;
    for (let i = 0; i < RAW_PER_RUN; i++) raws.push(verifyAll(triples));
    progress(
      `load ${fixture.statements}: Ledger.load ${Math.round(ms)} ms, ` +
        `raw verify ${Math.round(raws[raws.length - 1]!)} ms (run ${run + 1}/${RUNS})`,
    );
  }

  const statements = loaded!.checked.length;
  const load = summarize(loads);
  const raw = summarize(raws);
  const stewardRate = Math.round(statements / (load.median / 1000));
  const rawRate = Math.round(triples.length / (raw.median / 1000));
  const result = {
    name: 'load',
    timestamp: new Date().toISOString(),
    machine: machine(),
    loadAverage: { before, after: loadAverage() },
    repo: {
      statements,
      proposals: fixture.proposals,
      closes: fixture.closes,
      objects: 'packed by git gc',
      quarantined: loaded!.state.quarantined.length,
      statuses: Object.fromEntries(
        ['open', 'passed', 'rejected', 'expired'].map((s) => [
          s,
          loaded!.state.proposals.filter((p) => p.status === s).length,
        ]),
      ),
    },
    steward: { loadMs: load, statementsPerSecond: stewardRate },
    raw: { signatures: triples.length, verifyMs: raw, signaturesPerSecond: rawRate },
    ratio: ratio(stewardRate, rawRate),
    goal: 'ratio >= 0.8',
    meetsGoal: stewardRate / rawRate >= 0.8,
    method: {
      steward: `Ledger.load(now) on a freshly opened Ledger (nothing cached), ${RUNS} runs`,
      raw: `crypto.verify(null, message, KeyObject, signature) of every signature, KeyObjects made beforehand, single-threaded, ${RAW_PER_RUN} runs after each load`,
      stages:
        'listFiles (tree walk), checkEntries (blobs read and checked on worker threads, as Ledger.load), basis trees and derive each timed once, in the order Ledger.load runs them, on a freshly opened repo, first thing in the process',
      checkFileParts: 'each step of checkFile timed as its own pass over every file',
    },
    stages: breakdown,
    checkFileParts: parts,
  };
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  const top = Object.entries(breakdown)
    .flatMap(([name, s]) =>
      typeof s === 'number' ? [] : [`${name} ${Math.round(s.share * 100)}%`],
    )
    .join(', ');
  console.log(
    `load ${statements}: Steward ${stewardRate} statements/s (median ${Math.round(load.median)} ms), ` +
      `raw verify ${rawRate}/s, ratio ${result.ratio} (goal >= 0.8); ${top}`,
  );
};

await main();
