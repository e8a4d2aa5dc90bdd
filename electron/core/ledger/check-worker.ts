/**
 * A worker thread running stage one of verification on batches of file entries: it reads each
 * blob from the repo itself (its own object store) and checks the file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from '../../../shared/format/check';
import { nodeCrypto } from '../crypto';
import { ObjectStore } from './object-store';
import { materialize, type FileEntry } from './read';

const objects = new ObjectStore((workerData as { gitdir: string }).gitdir);

parentPort!.on('message', ({ seq, entries }: { seq: number; entries: FileEntry[] }) => {
  void (async () => {
    const results = [];
    for (const e of entries) results.push(checkFile(await materialize(objects, e), nodeCrypto));
    parentPort!.postMessage({ seq, results });
  })();
});
