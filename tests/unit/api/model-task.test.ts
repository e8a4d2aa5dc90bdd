/**
 * The task a model's config.json names, as the Models screen's default: what Hugging Face writes
 * for causal models, classifiers and encoders, and nothing at all for configs that say nothing or
 * are not what they should be.
 */
import { describe, expect, it } from 'vitest';
import { taskOfConfig } from '../../../electron/core/api/model-task';

describe('taskOfConfig', () => {
  it.each([
    [{ architectures: ['GPT2LMHeadModel'] }, 'text-generation'],
    [{ architectures: ['LlamaForCausalLM'] }, 'text-generation'],
    [{ architectures: ['T5ForConditionalGeneration'] }, 'text-generation'],
    [{ architectures: ['BertForSequenceClassification'] }, 'text-classification'],
    [{ architectures: ['BertModel'] }, 'feature-extraction'],
    [{ id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' } }, 'text-classification'],
  ])('reads %j as %s', (config, task) => {
    expect(taskOfConfig(config)).toBe(task);
  });

  it.each([
    [null],
    ['GPT2LMHeadModel'],
    [[]],
    [{}],
    [{ architectures: 'GPT2LMHeadModel' }],
    [{ architectures: [42, null] }],
    [{ architectures: ['SomethingElse'] }],
    [{ id2label: null }],
  ])('names no task for %j', (config) => {
    expect(taskOfConfig(config)).toBeUndefined();
  });
});
