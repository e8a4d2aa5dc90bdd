/** A worker thread running stage one of verification (signatures, schema, layout) on batches. */
import { parentPort } from 'node:worker_threads';
import { checkFile, type RepoFile } from '../../../shared/format/check';
import { nodeCrypto } from '../crypto';

parentPort!.on('message', ({ seq, files }: { seq: number; files: RepoFile[] }) => {
  parentPort!.postMessage({ seq, results: files.map((f) => checkFile(f, nodeCrypto)) });
});
