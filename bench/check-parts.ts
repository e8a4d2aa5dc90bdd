/**
 * Where `checkFile`'s time goes: each step it takes, timed as its own pass over every file. The
 * passes run the same functions on the same inputs as `checkFile`, so their sum comes close to it.
 */
import { fromBase64Url, toHex } from '../shared/encoding';
import type { RepoFile } from '../shared/format/check';
import { renderEnvelope, signingBytes } from '../shared/format/envelope';
import { classifyPath } from '../shared/format/paths';
import type { Envelope } from '../shared/format/types';
import { schemaProblem } from '../shared/format/validate';
import { nodeCrypto } from '../electron/core/crypto';

export type Part = { ms: number; usPerFile: number };

export const checkParts = (all: RepoFile[]): Record<string, Part> => {
  const files = all.filter((f) => f.bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const texts = files.map((f) => decoder.decode(f.bytes));
  const values = texts.map((t) => JSON.parse(t) as Envelope);
  const signed = values.map((v) => signingBytes(v.statement));
  const raw = values.map((v) =>
    v.signatures.map((s) => [fromBase64Url(s.key), fromBase64Url(s.signature)] as const),
  );
  const passes: [string, (i: number) => unknown][] = [
    ['classifyPath', (i) => classifyPath(files[i]!.path)],
    // checkFile decodes the bytes twice: once to parse them, once to compare the canonical text.
    ['utf8 decode x2', (i) => decoder.decode(files[i]!.bytes) + decoder.decode(files[i]!.bytes)],
    ['JSON.parse', (i) => JSON.parse(texts[i]!) as unknown],
    ['schema (ajv)', (i) => schemaProblem(values[i]!.statement.type, values[i])],
    ['signingBytes (canonicalize)', (i) => signingBytes(values[i]!.statement)],
    ['sha256 + toHex', (i) => toHex(nodeCrypto.sha256(signed[i]!))],
    [
      'fromBase64Url (key, signature)',
      (i) => values[i]!.signatures.map((s) => [fromBase64Url(s.key), fromBase64Url(s.signature)]),
    ],
    ['nodeCrypto.verify', (i) => raw[i]!.every(([k, s]) => nodeCrypto.verify(k, signed[i]!, s))],
    ['renderEnvelope (canonical check)', (i) => renderEnvelope(values[i]!) === texts[i]],
  ];
  return Object.fromEntries(
    passes.map(([name, step]) => {
      const started = performance.now();
      for (let i = 0; i < files.length; i++) step(i);
      const ms = performance.now() - started;
      const part: Part = { ms: Math.round(ms), usPerFile: Math.round((ms * 1000) / files.length) };
      return [name, part];
    }),
  );
};
