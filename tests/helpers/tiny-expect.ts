/** What the tiny models of scripts/tiny-models.ts must answer, computed in float64 from their facts. */
import type { TinyEncoderFacts } from '../../scripts/tiny-models';

/** The encoder's masked mean of the (layered) embeddings of the words, [CLS] and [SEP] included. */
export const pooled = (facts: TinyEncoderFacts, words: string[]): number[] => {
  const rows = ['[CLS]', ...words, '[SEP]'].map((word) => {
    const id = facts.vocab[word];
    if (id === undefined) throw new Error(`${word} is not in the vocabulary`);
    let h = facts.embeddings[id] ?? [];
    for (const w of facts.layers) {
      h = h.map((x, j) => x + Math.tanh(h.reduce((s, hi, i) => s + hi * (w[i]?.[j] ?? 0), 0)));
    }
    return h;
  });
  return Array.from(
    { length: facts.hidden },
    (_, d) => rows.reduce((s, row) => s + (row[d] ?? 0), 0) / rows.length,
  );
};

/** Every label's softmax score for the words, in the order of the facts' labels. */
export const classScores = (facts: TinyEncoderFacts, words: string[]): number[] => {
  const mean = pooled(facts, words);
  const logits = facts.classifierBias.map(
    (b, k) => b + mean.reduce((s, x, d) => s + x * (facts.classifierWeight[d]?.[k] ?? 0), 0),
  );
  const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
  return exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
};

/** The label the encoder must give the words, and its score. */
export const expectedClass = (facts: TinyEncoderFacts, words: string[]) => {
  const scores = classScores(facts, words);
  const best = scores.indexOf(Math.max(...scores));
  return { label: facts.labels[best], score: scores[best] ?? NaN };
};

export const unit = (v: number[]): number[] => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
