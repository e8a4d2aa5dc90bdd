/** The files around the tiny models' graphs: tokenizer.json builders and the folder writer. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export const writeModelFolder = async (dir: string, files: Record<string, string | Uint8Array>) => {
  await mkdir(join(dir, 'onnx'), { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
};

export const indexOf = (tokens: string[]): Record<string, number> =>
  Object.fromEntries(tokens.map((t, i) => [t, i]));

const SPECIAL_TOKEN = {
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
};

/** A WordPiece tokenizer.json over whole words, with `specials` as special added tokens. */
export const wordPieceTokenizer = (
  vocab: Record<string, number>,
  specials: string[],
  postProcessor: unknown,
  cleanup: boolean,
) => ({
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: specials.map((content) => ({ id: vocab[content], content, ...SPECIAL_TOKEN })),
  normalizer: {
    type: 'BertNormalizer',
    clean_text: true,
    handle_chinese_chars: true,
    strip_accents: null,
    lowercase: true,
  },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: postProcessor,
  decoder: { type: 'WordPiece', prefix: '##', cleanup },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab,
  },
});

export const bertTemplate = (vocab: Record<string, number>) => {
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id: string, typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const entry = (token: string) => ({ id: token, ids: [vocab[token]], tokens: [token] });
  const single = [special('[CLS]', 0), sequence('A', 0), special('[SEP]', 0)];
  return {
    type: 'TemplateProcessing',
    single,
    pair: [...single, sequence('B', 1), special('[SEP]', 1)],
    special_tokens: { '[CLS]': entry('[CLS]'), '[SEP]': entry('[SEP]') },
  };
};
