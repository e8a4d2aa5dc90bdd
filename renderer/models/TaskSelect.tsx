import { evidenceTasks, type EvidenceTask } from '../../shared/format/kinds';

export const taskNames: Record<EvidenceTask, string> = {
  'text-generation': 'Text generation',
  'text-classification': 'Text classification',
  'feature-extraction': 'Embeddings (feature extraction)',
};

/** The task a model runs or is evaluated on. */
export const TaskSelect = ({
  value,
  onChange,
  testId,
}: {
  value: EvidenceTask;
  onChange: (task: EvidenceTask) => void;
  testId: string;
}) => (
  <label>
    Task
    <select
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value as EvidenceTask)}
    >
      {evidenceTasks.map((t) => (
        <option key={t} value={t}>
          {taskNames[t]}
        </option>
      ))}
    </select>
  </label>
);
