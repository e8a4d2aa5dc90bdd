/**
 * The task an imported model is made for, read from its `config.json` as Hugging Face writes it:
 * a causal language model generates text, a sequence classifier (or a config with labels)
 * classifies, any other encoder gives embeddings. Only a hint for the form's default: the user
 * may still choose any task.
 */
import { readFile } from 'node:fs/promises';
import type { EvidenceTask } from '../../../shared/format/kinds';
import type { Manifest, ModelStore } from '../models/store';

const CONFIG_LIMIT = 1 << 20;

export const taskOfConfig = (config: unknown): EvidenceTask | undefined => {
  if (typeof config !== 'object' || config === null) return undefined;
  const c = config as { architectures?: unknown; id2label?: unknown };
  const names = Array.isArray(c.architectures)
    ? c.architectures.filter((a): a is string => typeof a === 'string')
    : [];
  if (names.some((n) => /(CausalLM|LMHeadModel|ForConditionalGeneration)$/.test(n)))
    return 'text-generation';
  if (names.some((n) => n.endsWith('ForSequenceClassification'))) return 'text-classification';
  if (names.some((n) => /Model$/.test(n))) return 'feature-extraction';
  return typeof c.id2label === 'object' && c.id2label !== null ? 'text-classification' : undefined;
};

/** The task of an imported version, or undefined when its config is absent or says none. */
export const taskOfImport = async (
  store: ModelStore,
  manifest: Manifest,
): Promise<EvidenceTask | undefined> => {
  const config = manifest.files.find((f) => f.path === 'config.json');
  if (!config || config.size > CONFIG_LIMIT) return undefined;
  try {
    return taskOfConfig(JSON.parse(await readFile(store.blobPath(config.sha256), 'utf8')));
  } catch (error) {
    // A config that is gone or not JSON names no task; the run itself will say what is wrong.
    if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT')
      return undefined;
    throw error;
  }
};
