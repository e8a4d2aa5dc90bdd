/**
 * Evidence as a record and as a claim to check: what an evaluation signs, and running an evidence
 * statement's evaluation again to see whether the outputs hash the same.
 */
import { canonicalJson } from '../../../shared/canonical';
import { StewardError } from '../../../shared/errors';
import type { DerivedState, EvidenceView } from '../../../shared/derive/state';
import type { EvidenceBody } from '../../../shared/format/types';
import type { Identity } from '../identity/keystore';
import { datasetLabel, type Dataset } from './dataset';
import {
  evaluate,
  optionsOf,
  runtimeVersions,
  settingsFor,
  type EvalHandlers,
  type Evaluation,
  type ItemResult,
} from './eval';
import type { Task } from './inference';
import type { ModelRunner } from './runner';

/** What evidence records of an evaluation: all of it but the per-item results. */
export const evidenceOf = (evaluation: Evaluation, note?: string): EvidenceBody => ({
  model: evaluation.model,
  version: evaluation.version,
  files: evaluation.files,
  task: evaluation.task,
  dataset: { ...evaluation.dataset, name: datasetLabel(evaluation.dataset.name) },
  settings: evaluation.settings,
  seed: evaluation.seed,
  metrics: evaluation.metrics,
  outputs: evaluation.outputs,
  runtime: evaluation.runtime,
  ...(note !== undefined && { note }),
});

export type Reproduction = {
  evidence: string;
  proposal: string;
  model: string;
  version: string;
  task: Task;
  /** Whether this machine's outputs hash as the evidence's did. */
  same: boolean;
  outputs: { recorded: string; reproduced?: string };
  metrics: { recorded: Record<string, number>; reproduced?: Record<string, number> };
  runtime: { recorded: EvidenceBody['runtime']; reproduced: EvidenceBody['runtime'] };
  /** Files whose recorded hash differs from the evidence's: nothing was run then. */
  files: { path: string; evidence?: string; here?: string }[];
  items?: ItemResult[];
};

const fileDifferences = (
  recorded: { path: string; sha256: string }[],
  here: { path: string; sha256: string }[],
): Reproduction['files'] => {
  const paths = [...new Set([...recorded, ...here].map((f) => f.path))].sort();
  return paths.flatMap((path) => {
    const a = recorded.find((f) => f.path === path)?.sha256;
    const b = here.find((f) => f.path === path)?.sha256;
    return a === b ? [] : [{ path, ...(a && { evidence: a }), ...(b && { here: b }) }];
  });
};

/**
 * Runs an evidence statement's evaluation again on this machine: the same model version and files,
 * the same dataset (checked by hash), the same settings and seed. Says whether the outputs hash
 * the same. Files that differ from the evidence's mean the same run is not possible: nothing runs.
 */
export const reproduce = async (
  runner: ModelRunner,
  state: DerivedState,
  who: Identity | undefined,
  found: { proposal: { id: string }; evidence: EvidenceView },
  dataset: Dataset,
  handlers: EvalHandlers = {},
): Promise<Reproduction> => {
  const { evidence } = found;
  if (dataset.sha256 !== evidence.dataset.sha256) {
    throw new StewardError(
      'invalid-argument',
      `${dataset.name} hashes to ${dataset.sha256.slice(0, 12)}…, but the evidence was computed on a dataset hashing to ${evidence.dataset.sha256.slice(0, 12)}…`,
      { expected: evidence.dataset.sha256, actual: dataset.sha256 },
    );
  }
  const options = optionsOf(evidence.settings, evidence.seed);
  const known = settingsFor(evidence.task, options);
  if (canonicalJson(known) !== canonicalJson(evidence.settings)) {
    throw new StewardError(
      'invalid-argument',
      `the evidence ran with settings this version of Steward cannot repeat: ${canonicalJson(evidence.settings)}`,
    );
  }
  const base = {
    evidence: evidence.id,
    proposal: found.proposal.id,
    model: evidence.model,
    version: evidence.version,
    task: evidence.task,
  };
  const here = await runner.files(state, evidence.model, evidence.version);
  const files = fileDifferences(evidence.files, here);
  const runtime = { recorded: evidence.runtime, reproduced: await runtimeVersions() };
  if (files.length > 0) {
    return {
      ...base,
      same: false,
      outputs: { recorded: evidence.outputs },
      metrics: { recorded: evidence.metrics },
      runtime,
      files,
    };
  }
  const evaluation = await evaluate(
    runner,
    state,
    who,
    {
      model: evidence.model,
      version: evidence.version,
      task: evidence.task,
      dataset,
      options,
      seed: evidence.seed,
      via: 'reproduce',
    },
    handlers,
  );
  return {
    ...base,
    same: evaluation.outputs === evidence.outputs,
    outputs: { recorded: evidence.outputs, reproduced: evaluation.outputs },
    metrics: { recorded: evidence.metrics, reproduced: evaluation.metrics },
    runtime,
    files,
    items: evaluation.items,
  };
};
