/**
 * Writes two tiny, real, deterministic models in the Hugging Face layout that transformers.js
 * loads from a local folder: a BERT-style sentiment encoder and a GPT-2-style bigram decoder.
 * Every weight follows from a formula, so a test can compute what the models must answer from
 * the facts returned, and two writes give the same bytes. Run as
 * `npx tsx scripts/tiny-models.ts OUTDIR` to write OUTDIR/tiny-bert and OUTDIR/tiny-gpt2.
 */
import { join, resolve } from 'node:path';
import type { onnx as pb } from 'onnx-proto';
import {
  bertTemplate,
  indexOf,
  json,
  wordPieceTokenizer,
  writeModelFolder,
} from './tiny-models/files';
import {
  FLOAT,
  INT64,
  floatTensor,
  int64Tensor,
  intAttr,
  modelBytes,
  node,
  tensorInfo,
} from './tiny-models/onnx';

export type TinyEncoderFacts = {
  vocab: Record<string, number>;
  labels: string[];
  hidden: number;
  /** One row per token id, `hidden` wide: dimension 0 carries the sentiment. */
  embeddings: number[][];
  /** Per layer, a hidden×hidden matrix W: h ← h + tanh(h·W). Empty with the default options. */
  layers: number[][][];
  /** hidden×labels: logits = mean(last_hidden_state over the mask)·W + b. */
  classifierWeight: number[][];
  classifierBias: number[];
};

export type TinyDecoderFacts = {
  vocab: Record<string, number>;
  /** The greedy successor of every token, by name. */
  next: Record<string, string>;
  /** The logit of a token's successor; every other logit is 0. */
  nextLogit: number;
  bosId: number;
  eosId: number;
  padId: number;
};

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const NEUTRAL = 'the a an this that it movie film was is very and'.split(' ');
const POSITIVE = { good: 2, great: 3, excellent: 4, wonderful: 4, love: 3, best: 3 };
const NEGATIVE = { bad: -2, awful: -3, poor: -2, terrible: -4, hate: -3, worst: -3 };
/** A word's sentiment: the value of its embedding's dimension 0. */
const POLARITY: Record<string, number> = { ...POSITIVE, ...NEGATIVE };
const LABELS = ['NEGATIVE', 'POSITIVE'];

const DECODER_SPECIALS = ['[PAD]', '[UNK]', '[BOS]', '[EOS]'];
const CHAIN = ['hello', 'world', '!', '[EOS]'];
const CYCLE = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const OTHERS = ['the', 'cat', 'sat', '.'];
/** Where every token outside the chain and the cycle leads; it leads to EOS in turn. */
const FALLBACK = '.';
const NEXT_LOGIT = 8;

// ---- Encoder -------------------------------------------------------------------------------

/** The encoder's weights: small multiples of 1/16 (exact in float32), sentiment in dimension 0. */
const encoderFacts = (layers: number, hidden: number): TinyEncoderFacts => {
  const tokens = [...SPECIALS, ...NEUTRAL, ...Object.keys(POLARITY)];
  const embeddings = tokens.map((token, t) =>
    Array.from({ length: hidden }, (_, d) =>
      d === 0 ? (POLARITY[token] ?? 0) : (((t * 7 + d * 5) % 13) - 6) / 16,
    ),
  );
  const layerWeights = Array.from({ length: layers }, (_, l) =>
    Array.from({ length: hidden }, (_, i) =>
      Array.from({ length: hidden }, (_, j) =>
        Math.fround((((i * 31 + j * 17 + l * 13) % 29) - 14) / (14 * hidden)),
      ),
    ),
  );
  const classifierWeight = Array.from({ length: hidden }, (_, d) =>
    d === 0 ? [-2, 2] : [((d % 3) - 1) / 16, (((d + 1) % 3) - 1) / 16],
  );
  return {
    vocab: indexOf(tokens),
    labels: LABELS,
    hidden,
    embeddings,
    layers: layerWeights,
    classifierWeight,
    classifierBias: [0.125, -0.125],
  };
};

const encoderGraph = (facts: TinyEncoderFacts): pb.IGraphProto => {
  const { hidden, embeddings, layers, classifierWeight, classifierBias } = facts;
  const dynamic = ['batch_size', 'sequence_length'];
  const nodes = [node('Gather', ['embeddings', 'input_ids'], ['h0'])];
  const weights = layers.map((w, l) => floatTensor(`layer${l}`, [hidden, hidden], w.flat()));
  layers.forEach((_, l) => {
    nodes.push(node('MatMul', [`h${l}`, `layer${l}`], [`mm${l}`]));
    nodes.push(node('Tanh', [`mm${l}`], [`tanh${l}`]));
    nodes.push(node('Add', [`h${l}`, `tanh${l}`], [`h${l + 1}`]));
  });
  nodes.push(
    node('Identity', [`h${layers.length}`], ['last_hidden_state']),
    node('Cast', ['attention_mask'], ['mask'], [intAttr('to', FLOAT)]),
    node('Unsqueeze', ['mask', 'last_axis'], ['mask3']),
    node('Mul', ['last_hidden_state', 'mask3'], ['masked']),
    node('ReduceSum', ['masked', 'seq_axis'], ['sum'], [intAttr('keepdims', 0)]),
    node('ReduceSum', ['mask3', 'seq_axis'], ['count'], [intAttr('keepdims', 0)]),
    node('Div', ['sum', 'count'], ['mean']),
    node('MatMul', ['mean', 'classifier_weight'], ['scores']),
    node('Add', ['scores', 'classifier_bias'], ['logits']),
  );
  return {
    name: 'tiny-bert',
    node: nodes,
    initializer: [
      floatTensor('embeddings', [embeddings.length, hidden], embeddings.flat()),
      ...weights,
      floatTensor('classifier_weight', [hidden, LABELS.length], classifierWeight.flat()),
      floatTensor('classifier_bias', [LABELS.length], classifierBias),
      int64Tensor('last_axis', [-1]),
      int64Tensor('seq_axis', [1]),
    ],
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) =>
      tensorInfo(n, INT64, dynamic),
    ),
    output: [
      tensorInfo('last_hidden_state', FLOAT, [...dynamic, hidden]),
      tensorInfo('logits', FLOAT, ['batch_size', LABELS.length]),
    ],
  };
};

export const writeTinyEncoder = async (
  dir: string,
  options: { layers?: number; hidden?: number } = {},
): Promise<TinyEncoderFacts> => {
  const { layers = 0, hidden = 8 } = options;
  if (!Number.isInteger(layers) || layers < 0) throw new RangeError(`layers: ${layers}`);
  if (!Number.isInteger(hidden) || hidden < 2) throw new RangeError(`hidden: ${hidden}`);
  const facts = encoderFacts(layers, hidden);
  const { vocab } = facts;
  await writeModelFolder(dir, {
    'config.json': json({
      architectures: ['BertForSequenceClassification'],
      model_type: 'bert',
      vocab_size: Object.keys(vocab).length,
      hidden_size: hidden,
      num_hidden_layers: layers,
      num_attention_heads: 1,
      intermediate_size: hidden,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: vocab['[PAD]'],
      problem_type: 'single_label_classification',
      id2label: Object.fromEntries(LABELS.map((label, i) => [String(i), label])),
      label2id: indexOf(LABELS),
    }),
    'tokenizer.json': json(wordPieceTokenizer(vocab, SPECIALS, bertTemplate(vocab), true)),
    'tokenizer_config.json': json({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      clean_up_tokenization_spaces: true,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
    'onnx/model.onnx': modelBytes(encoderGraph(facts)),
  });
  return facts;
};

// ---- Decoder -------------------------------------------------------------------------------

const decoderFacts = (): TinyDecoderFacts => {
  const tokens = [...DECODER_SPECIALS, ...CHAIN.slice(0, -1), ...CYCLE, ...OTHERS];
  const next: Record<string, string> = Object.fromEntries(tokens.map((t) => [t, FALLBACK]));
  CHAIN.slice(0, -1).forEach((t, i) => (next[t] = CHAIN[i + 1] ?? FALLBACK));
  CYCLE.forEach((t, i) => (next[t] = CYCLE[(i + 1) % CYCLE.length] ?? FALLBACK));
  next[FALLBACK] = '[EOS]';
  const vocab = indexOf(tokens);
  const id = (token: string): number => vocab[token] ?? 0;
  return { vocab, next, nextLogit: NEXT_LOGIT, bosId: id('[BOS]'), eosId: id('[EOS]'), padId: 0 };
};

const decoderGraph = (facts: TinyDecoderFacts): pb.IGraphProto => {
  const tokens = Object.keys(facts.vocab);
  const size = tokens.length;
  const table = tokens.flatMap((t) =>
    tokens.map((u) => (u === facts.next[t] ? facts.nextLogit : 0)),
  );
  const dynamic = ['batch_size', 'sequence_length'];
  return {
    name: 'tiny-gpt2',
    node: [node('Gather', ['bigrams', 'input_ids'], ['logits'])],
    initializer: [floatTensor('bigrams', [size, size], table)],
    input: ['input_ids', 'attention_mask'].map((n) => tensorInfo(n, INT64, dynamic)),
    output: [tensorInfo('logits', FLOAT, [...dynamic, size])],
  };
};

export const writeTinyDecoder = async (dir: string): Promise<TinyDecoderFacts> => {
  const facts = decoderFacts();
  const { vocab, bosId, eosId, padId } = facts;
  const size = Object.keys(vocab).length;
  const ids = { bos_token_id: bosId, eos_token_id: eosId, pad_token_id: padId };
  await writeModelFolder(dir, {
    'config.json': json({
      architectures: ['GPT2LMHeadModel'],
      model_type: 'gpt2',
      vocab_size: size,
      n_layer: 0,
      n_head: 1,
      n_embd: size,
      n_positions: 1024,
      use_cache: false,
      ...ids,
    }),
    'generation_config.json': json(ids),
    'tokenizer.json': json(wordPieceTokenizer(vocab, DECODER_SPECIALS, null, false)),
    'tokenizer_config.json': json({
      model_max_length: 1024,
      clean_up_tokenization_spaces: false,
      bos_token: '[BOS]',
      eos_token: '[EOS]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
    }),
    'onnx/model.onnx': modelBytes(decoderGraph(facts)),
  });
  return facts;
};

const main = async (out: string): Promise<void> => {
  await writeTinyEncoder(join(out, 'tiny-bert'));
  await writeTinyDecoder(join(out, 'tiny-gpt2'));
  console.log(`wrote ${join(out, 'tiny-bert')} and ${join(out, 'tiny-gpt2')}`);
};

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const out = process.argv[2];
  if (out) await main(out);
  else {
    console.error('usage: npx tsx scripts/tiny-models.ts OUTDIR');
    process.exitCode = 2;
  }
}
