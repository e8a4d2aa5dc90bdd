/**
 * Writes git objects directly as loose objects: hashed, deflated, written to a temporary file and
 * renamed into place, so a process killed mid-write never leaves a torn object behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export type ObjectType = 'blob' | 'tree' | 'commit';

export const hashObject = (type: ObjectType, content: Uint8Array): string =>
  createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');

let counter = 0;

export const writeLooseObject = async (
  gitdir: string,
  type: ObjectType,
  content: Uint8Array,
): Promise<string> => {
  const oid = hashObject(type, content);
  const dir = join(gitdir, 'objects', oid.slice(0, 2));
  const file = join(dir, oid.slice(2));
  try {
    await stat(file);
    return oid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `tmp_obj_${process.pid}_${counter++}`);
  const header = Buffer.from(`${type} ${content.length}\0`);
  await writeFile(tmp, deflateSync(Buffer.concat([header, content]), { level: 1 }), {
    mode: 0o444,
  });
  await rename(tmp, file);
  return oid;
};

export type TreeEntry = { mode: string; name: string; oid: string };

/** Git orders tree entries by name, comparing a subtree's name as if it ended in "/". */
const sortKey = (e: TreeEntry): string =>
  e.mode === '40000' || e.mode === '040000' ? `${e.name}/` : e.name;

export const serializeTree = (entries: TreeEntry[]): Buffer => {
  const sorted = [...entries].sort((a, b) => {
    const x = Buffer.from(sortKey(a));
    const y = Buffer.from(sortKey(b));
    return Buffer.compare(x, y);
  });
  return Buffer.concat(
    sorted.flatMap((e) => [
      Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`),
      Buffer.from(e.oid, 'hex'),
    ]),
  );
};

export type Person = { name: string; email: string; timestamp: number };

const sanitize = (text: string): string => text.replace(/[<>\n\0]/g, '').trim() || 'unknown';

export const serializeCommit = (c: {
  tree: string;
  parents: string[];
  author: Person;
  message: string;
}): Buffer => {
  const who = `${sanitize(c.author.name)} <${sanitize(c.author.email)}> ${c.author.timestamp} +0000`;
  const lines = [
    `tree ${c.tree}`,
    ...c.parents.map((p) => `parent ${p}`),
    `author ${who}`,
    `committer ${who}`,
  ];
  const message = c.message.replace(/\0/g, '').trimEnd();
  return Buffer.from(`${lines.join('\n')}\n\n${message}\n`);
};
