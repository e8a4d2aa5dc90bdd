/**
 * Signature verification: Steward's strict Ed25519 (the byte rules of shared/ed25519-strict.ts,
 * then node:crypto) against node:crypto alone, on the same signatures in the same run (goal: the
 * byte rules take at most 5% of the time node:crypto takes). Steward's whole path is reported too;
 * on a loaded machine its ratio moves with the load more than with the rules.
 *
 *   npx tsx bench/verify.ts OUT.json      STEWARD_BENCH_VERIFY_N=20000 (signatures), _SAMPLES=5
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { generateKeyPair, nodeCrypto, signWithSeed } from '../electron/core/crypto';
import { strictSignatureProblem } from '../shared/ed25519-strict';
import { loadAverage, machine, progress, ratio, summarize } from './lib';

const N = Number(process.env.STEWARD_BENCH_VERIFY_N ?? 20_000);
const SAMPLES = Number(process.env.STEWARD_BENCH_VERIFY_SAMPLES ?? 5);
const out = process.argv[2];
if (!out) throw new Error('usage: npx tsx bench/verify.ts OUT.json');

// 100 signers, as in a group's ledger: key objects are cached per key by both paths alike.
const signers = Array.from({ length: 100 }, () => generateKeyPair());
const cases = Array.from({ length: N }, (_, i) => {
  const pair = signers[i % signers.length]!;
  const message = randomBytes(300);
  return {
    key: Buffer.from(pair.publicKey, 'base64url'),
    object: createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: pair.publicKey },
      format: 'jwk',
    }),
    message,
    signature: Buffer.from(signWithSeed(pair.seed, pair.publicKey, message), 'base64url'),
  };
});

const timed = (run: () => void): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

const before = loadAverage();
const plain: number[] = [];
const strict: number[] = [];
const rules: number[] = [];
// One warm-up of each, then alternating samples.
for (let i = -1; i < SAMPLES; i++) {
  progress(`verify: sample ${i + 2}/${SAMPLES + 1}`);
  const p = timed(() => {
    for (const c of cases)
      if (!verify(null, c.message, c.object, c.signature)) throw new Error('plain refused');
  });
  const s = timed(() => {
    for (const c of cases)
      if (!nodeCrypto.verify(c.key, c.message, c.signature)) throw new Error('strict refused');
  });
  const r = timed(() => {
    for (const c of cases)
      if (strictSignatureProblem(c.key, c.signature)) throw new Error('rules refused');
  });
  if (i >= 0) {
    plain.push(p);
    strict.push(s);
    rules.push(r);
  }
}
const perSecond = (ms: number): number => Math.round(N / (ms / 1000));
const result = {
  name: 'verify',
  timestamp: new Date().toISOString(),
  machine: machine(),
  loadAverage: { before, after: loadAverage() },
  goal: 'the strict byte rules take <= 0.05 x the time of node:crypto verify alone',
  signatures: N,
  plain: { ...summarize(plain), perSecond: perSecond(summarize(plain).median) },
  strict: { ...summarize(strict), perSecond: perSecond(summarize(strict).median) },
  /** The byte rules alone, without the curve. */
  rules: { ...summarize(rules), perSecond: perSecond(summarize(rules).median) },
  /** Steward's throughput (key cache, byte rules, node:crypto) as a share of plain: 1 is as fast. */
  throughputRatio: ratio(summarize(plain).median, summarize(strict).median),
  /** The byte rules' time as a share of node:crypto's. */
  rulesShare: ratio(summarize(rules).median, summarize(plain).median),
};
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(
  `verify: node:crypto ${result.plain.perSecond}/s, Steward ${result.strict.perSecond}/s, ratio ${result.throughputRatio}; byte rules alone ${result.rules.perSecond}/s, ${result.rulesShare} of node:crypto's time (goal <= 0.05)`,
);
