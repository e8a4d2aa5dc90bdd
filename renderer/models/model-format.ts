/** How the models screen writes hashes, sizes, speeds and version keys. */

/** One version of one model, as the stores key their results. */
export const versionKey = (model: string, version: string): string => `${model}@${version}`;

export const parseVersionKey = (key: string): { model: string; version: string } | undefined => {
  const at = key.indexOf('@');
  return at > 0 ? { model: key.slice(0, at), version: key.slice(at + 1) } : undefined;
};

/** The first 12 hex digits: enough to tell files apart at a glance, the whole hash a click away. */
export const shortHash = (sha256: string): string =>
  sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;

/** "12.3 kB" below a megabyte, "3.42 MB" above: a model's config files are tiny, its weights not. */
export const formatSize = (bytes: number): string =>
  bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1_000_000).toFixed(2)} MB`;

/** Megabytes per second over `ms`, or undefined before any time has passed. */
export const formatRate = (bytes: number, ms: number): string | undefined =>
  ms > 0 ? `${(bytes / 1_000_000 / (ms / 1000)).toFixed(1)} MB/s` : undefined;

/** An evaluation's input, expected or output value as one line of text. */
export const showValue = (value: unknown): string => {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every(isLabel)) {
    const best = value[0] as { label: string; score: number } | undefined;
    return best ? `${best.label} (${best.score.toFixed(3)})` : '—';
  }
  if (Array.isArray(value)) return `[${value.length} values]`;
  return JSON.stringify(value);
};

const isLabel = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && 'label' in v && 'score' in v;

/** A run id of the client's choosing; getRandomValues where randomUUID needs a secure context. */
export const newRunId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

/** A duration as people read it: "1.7 ms", "42 ms", "1.25 s". */
export const formatMs = (ms: number): string =>
  ms < 10
    ? `${ms.toFixed(1)} ms`
    : ms < 1000
      ? `${Math.round(ms)} ms`
      : `${(ms / 1000).toFixed(2)} s`;

/** The items an evaluation judged (those with an expected value), out of which a share was right. */
const judged = (items: { correct?: boolean }[]): number =>
  items.filter((i) => i.correct !== undefined).length;

/**
 * An evaluation's metric in words, as a term and its value: "Exact match" "0 of 3",
 * "Mean latency" "10.5 ms". A metric this screen does not know shows under its own name.
 */
export const metricWords = (
  name: string,
  value: number,
  items: { correct?: boolean }[],
): [string, string] => {
  const oneDecimal = (n: number) => Number(n.toFixed(1)).toLocaleString('en');
  switch (name) {
    case 'items':
      return ['Items', value.toLocaleString('en')];
    case 'meanLatencyMs':
      return ['Mean latency', `${oneDecimal(value)} ms`];
    case 'exactMatch':
    case 'accuracy': {
      const of = judged(items);
      return [
        name === 'exactMatch' ? 'Exact match' : 'Accuracy',
        `${Math.round(value * of)} of ${of}`,
      ];
    }
    case 'meanCosine':
      return ['Mean cosine similarity', value.toFixed(3)];
    default:
      return [name, String(value)];
  }
};

/** A host's message without the command-line hints it carries for the terminal. */
export const withoutCliHint = (message: string): string =>
  message
    .replace(/\s*\((?:run )?steward [^)]*\)/g, '')
    .replace(/;\s*steward [a-z -]+\)/g, ')')
    .replace(/;\s*steward [a-z -]+$/g, '');
