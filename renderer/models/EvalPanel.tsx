import { useState, type FormEvent } from 'react';
import type { ProposalView } from '../../shared/derive/state';
import type { EvidenceTask } from '../../shared/format/kinds';
import { ErrorAlert } from '../common/ErrorAlert';
import { EvalResults } from './EvalResults';
import { TaskSelect } from './TaskSelect';
import { useModelEval } from './useModelStores';

type Dataset = { name: string; text: string };

/**
 * Evaluates the chosen version on a JSONL dataset ({"input", "expected"} per line) on the host,
 * and, if asked, signs the result as evidence on an open proposal.
 */
export const EvalPanel = ({
  model,
  version,
  proposals,
  canSign,
  task: suggested,
}: {
  model: string;
  /** The task the form starts on: what the model is made for. */
  task: EvidenceTask;
  version: string;
  /** Open proposals the result may be signed on. */
  proposals: ProposalView[];
  canSign: boolean;
}) => {
  const [dataset, setDataset] = useState<Dataset>();
  const [readError, setReadError] = useState<string>();
  const [task, setTask] = useState<EvidenceTask>(suggested);
  const [proposal, setProposal] = useState('');
  const busy = useModelEval((s) => s.busy);
  const done = useModelEval((s) => s.done);
  const total = useModelEval((s) => s.total);
  const result = useModelEval((s) => s.result);
  const stopped = useModelEval((s) => s.stopped);
  const error = useModelEval((s) => s.error);
  const evaluate = useModelEval((s) => s.evaluate);
  const stop = useModelEval((s) => s.stop);

  const pick = async (file: File | undefined) => {
    setDataset(undefined);
    setReadError(undefined);
    if (!file) return;
    try {
      setDataset({ name: file.name, text: await file.text() });
    } catch (e) {
      setReadError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dataset) return;
    void evaluate({
      model,
      version,
      task,
      dataset: dataset.text,
      datasetName: dataset.name,
      ...(canSign && proposal !== '' && { proposal }),
    });
  };
  const signedOn = proposals.find((p) => p.id === result?.evidence?.proposal);

  return (
    <section className="card stack" aria-labelledby="eval-heading">
      <h2 id="eval-heading">Evaluate</h2>
      <form className="stack" onSubmit={submit}>
        <div className="model-form-row">
          <label>
            Dataset (JSON lines: {'{"input": …, "expected": …}'})
            <input
              data-testid="eval-file"
              type="file"
              accept=".jsonl,.ndjson,.json,.txt"
              onChange={(e) => void pick(e.target.files?.[0])}
            />
          </label>
          <TaskSelect value={task} onChange={setTask} testId="eval-task" />
        </div>
        <label>
          Sign the result as evidence on
          <select
            data-testid="eval-proposal"
            value={proposal}
            disabled={!canSign}
            onChange={(e) => setProposal(e.target.value)}
          >
            <option value="">Nothing: do not sign</option>
            {proposals.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {!canSign && <p className="muted">Sign in as a member to sign results as evidence.</p>}
        <div className="buttons">
          <button type="submit" data-testid="eval-submit" disabled={busy || !dataset}>
            {busy ? 'Evaluating…' : 'Evaluate'}
          </button>
          <button
            type="button"
            data-testid="eval-stop"
            disabled={!busy}
            onClick={() => void stop()}
          >
            Stop
          </button>
        </div>
      </form>
      <ErrorAlert message={readError ?? error} />
      {busy && (
        <div className="stack">
          <progress
            data-testid="eval-progress"
            aria-label="Evaluation progress"
            value={done}
            max={Math.max(total, 1)}
          />
          <p className="muted" aria-live="polite">
            {total > 0 ? `${done} of ${total} items` : 'Loading the model…'}
          </p>
        </div>
      )}
      {stopped && <p role="status">Evaluation stopped; nothing was signed.</p>}
      {!busy && result && <EvalResults result={result} proposalTitle={signedOn?.title} />}
    </section>
  );
};
