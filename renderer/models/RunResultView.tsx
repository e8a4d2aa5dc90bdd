import { formatMs } from './model-format';
import type { RunResult } from './run-store';

const stoppedWords = {
  eos: 'reached the end',
  length: 'hit the token limit',
  cancelled: 'stopped',
} as const;

const Labels = ({ labels }: { labels: { label: string; score: number }[] }) => (
  <ul className="score-list" aria-label="Labels by score">
    {labels.map((l) => (
      <li key={l.label} data-testid="run-label" data-label={l.label} data-score={l.score}>
        <span className="score-label">{l.label}</span>
        <span className="score-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(l.score * 1000) / 10}%` }} />
        </span>
        <span className="num">{l.score.toFixed(4)}</span>
      </li>
    ))}
  </ul>
);

const Embedding = ({ embedding, dims }: { embedding: number[] | number[][]; dims: number[] }) => {
  const first = (embedding as (number | number[])[]).flat().slice(0, 8);
  return (
    <p data-testid="run-embedding">
      Dimensions <code>{dims.join(' × ')}</code>; first values{' '}
      <code>{first.map((v) => v.toFixed(4)).join(', ')}</code>
      {first.length < dims.reduce((n, d) => n * d, 1) && ' …'}
    </p>
  );
};

/** The figures of a finished run, and its labels or embedding (generated text shows above). */
export const RunResultView = ({ result }: { result: RunResult }) => {
  // The run may be of another version or task than the form now shows: name what it was.
  const ran = `${result.model}@${result.version} · `;
  switch (result.task) {
    case 'text-generation':
      return (
        <p className="muted" data-testid="run-stats" data-stopped={result.stopped}>
          {ran}
          {result.tokens} tokens · {formatMs(result.ms)} · {stoppedWords[result.stopped]}
        </p>
      );
    case 'text-classification':
      return (
        <>
          <Labels labels={result.labels} />
          <p className="muted" data-testid="run-stats">
            {ran}
            {formatMs(result.ms)}
          </p>
        </>
      );
    case 'feature-extraction':
      return (
        <>
          <Embedding embedding={result.embedding} dims={result.dims} />
          <p className="muted" data-testid="run-stats">
            {ran}
            {formatMs(result.ms)}
          </p>
        </>
      );
  }
};
