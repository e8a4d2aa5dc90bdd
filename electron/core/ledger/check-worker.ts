/** A worker thread running stage one of verification (signatures, schema, layout) on a batch. */
import { parentPort } from 'node:worker_threads';
import { checkFile, type RepoFile } from '../../../shared/format/check';
import { nodeCrypto } from '../crypto';

parentPort!.on('message', (files: RepoFile[]) => {
  parentPort!.postMessage(files.map((f) => checkFile(f, nodeCrypto)));
});
