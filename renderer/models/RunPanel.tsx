import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EvidenceTask } from '../../shared/format/kinds';
import { ErrorAlert } from '../common/ErrorAlert';
import { RunResultView } from './RunResultView';
import { TaskSelect } from './TaskSelect';
import { useModelRun } from './useModelStores';

/** Runs one input through the chosen version on the host, streaming generated text as it comes. */
export const RunPanel = ({
  model,
  version,
  task: suggested,
}: {
  model: string;
  version: string;
  /** The task the form starts on: what the model is made for. */
  task: EvidenceTask;
}) => {
  // The task follows what the model is made for (known once its status arrives, which can be
  // after the user has typed) until the user picks one; what was typed is kept either way.
  const [picked, setPicked] = useState<EvidenceTask>();
  const task = picked ?? suggested;
  const [input, setInput] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const busy = useModelRun((s) => s.busy);
  const streamed = useModelRun((s) => s.streamed);
  const result = useModelRun((s) => s.result);
  const error = useModelRun((s) => s.error);
  const run = useModelRun((s) => s.run);
  const stop = useModelRun((s) => s.stop);
  const generating = task === 'text-generation';
  const output = useRef<HTMLOutputElement>(null);
  // Follow the text as it streams, as a terminal does.
  useEffect(() => {
    const el = output.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [streamed]);
  const max = Number.parseInt(maxTokens, 10);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run({
      model,
      version,
      task,
      input,
      ...(generating && Number.isInteger(max) && max > 0 && { maxNewTokens: max }),
    });
  };
  const text = result?.task === 'text-generation' ? result.text : streamed;
  const showText = busy ? generating : result?.task === 'text-generation';

  return (
    <section className="card stack" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <form className="stack" onSubmit={submit}>
        <div className="model-form-row">
          <TaskSelect value={task} onChange={setPicked} testId="run-task" />
          {generating && (
            <label>
              Max new tokens
              <input
                data-testid="run-max-tokens"
                type="number"
                min={1}
                max={4096}
                placeholder="model default"
                value={maxTokens}
                onChange={(e) => setMaxTokens(e.target.value)}
              />
            </label>
          )}
        </div>
        <label>
          Input
          <textarea
            data-testid="run-input"
            rows={3}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={(e) => {
              // Ctrl/Cmd+Enter runs, as in most prompt boxes; Enter alone makes a new line.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey))
                e.currentTarget.form?.requestSubmit();
            }}
          />
        </label>
        <div className="buttons">
          <button type="submit" className="primary" data-testid="run-submit" disabled={busy}>
            {busy ? 'Running…' : 'Run'}
          </button>
          <button type="button" data-testid="run-stop" disabled={!busy} onClick={() => void stop()}>
            Stop
          </button>
          <span className="muted">Ctrl+Enter runs</span>
        </div>
      </form>
      <ErrorAlert message={error} />
      {showText && (
        <output data-testid="run-output" className="run-output" aria-live="polite" aria-busy={busy}>
          {text}
          {busy && <span className="caret" aria-hidden="true" />}
        </output>
      )}
      {!busy && result && <RunResultView result={result} />}
    </section>
  );
};
