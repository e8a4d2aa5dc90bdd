import { Fragment } from 'react';
import type { EvalView } from '../../shared/api-types';
import { HashCode } from './HashCode';
import { formatMs, metricWords, showValue } from './model-format';

const correctness = (correct: boolean | undefined) =>
  correct === undefined ? '—' : correct ? '✓ yes' : '✗ no';

/** An evaluation's metrics, its items one per row, and where its evidence was signed. */
export const EvalResults = ({
  result,
  proposalTitle,
}: {
  result: EvalView;
  proposalTitle: string | undefined;
}) => (
  <div className="stack">
    <p>
      <code>
        {result.model}@{result.version}
      </code>{' '}
      on {result.dataset.name} ({result.dataset.items} items, dataset{' '}
      <HashCode sha256={result.dataset.sha256} label={result.dataset.name} />, outputs{' '}
      <HashCode sha256={result.outputs} label="the outputs" />)
    </p>
    <dl className="figures eval-metrics" data-testid="eval-metrics">
      {Object.entries(result.metrics).map(([name, value]) => {
        const [term, words] = metricWords(name, value, result.items);
        return (
          <Fragment key={name}>
            <dt title={name}>{term}</dt> <dd>{words}</dd>
          </Fragment>
        );
      })}
    </dl>
    {result.evidence && (
      <p data-testid="eval-evidence" role="status">
        Signed as evidence on{' '}
        <a href={`#/proposals/${result.evidence.proposal}`}>{proposalTitle ?? 'the proposal'}</a>.
      </p>
    )}
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Evaluation items</caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Expected</th>
            <th scope="col">Output</th>
            <th scope="col">Correct</th>
            <th scope="col" className="num">
              Time
            </th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((item, i) => (
            <tr
              key={i}
              data-testid="eval-row"
              className={item.correct === false ? 'eval-wrong' : undefined}
            >
              <td>{item.input}</td>
              <td>{showValue(item.expected)}</td>
              <td>{showValue(item.output)}</td>
              <td>{correctness(item.correct)}</td>
              <td className="num">{formatMs(item.ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </div>
);
