/**
 * A record's file size, where the record gives one: older records name only path and hash, so a
 * size is always optional and checked before it is trusted.
 */
import type { ModelFile } from '../../../shared/format/types';

export const recordSize = (file: ModelFile): number | undefined => {
  const size = (file as ModelFile & { size?: unknown }).size;
  return typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
};
