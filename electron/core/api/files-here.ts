/**
 * Whether a registered version's files are on this computer, as the models screen and Home say
 * it: "All 8 files here", "3 of 8 files missing, 412 MB".
 */
import type { ModelFile } from '../../../shared/format/types';
import { versionFilesHere } from '../lfs/local';
import type { ModelStore } from '../models/store';

export type FilesHere = { filesHere: number; filesTotal: number; missingBytes: number | null };

export const filesHereOf = async (store: ModelStore, files: ModelFile[]): Promise<FilesHere> => {
  const { here, missingBytes } = await versionFilesHere(store, files);
  return { filesHere: here, filesTotal: files.length, missingBytes };
};
