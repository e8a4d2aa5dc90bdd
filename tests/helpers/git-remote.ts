/**
 * Talking to a git server under test from the same process: the real git CLI run asynchronously
 * (a synchronous child would block the server it talks to), with a home and config of its own,
 * credentials handed to it by an inline credential helper, and raw smart-HTTP requests for what
 * no well-behaved client sends.
 */
import { Keystore, type Signer } from '../../electron/core/identity/keystore';
import {
  CHALLENGE_PATH,
  makeProof,
  originOf,
  type Credentials,
  type ProofTarget,
} from '../../electron/core/sync/proof';
import { PktReader } from '../../electron/core/server/pkt-line';
import { isolatedGit, spawnGit, type GitOut } from './git-cli';

export type GitRun = GitOut;

/** An environment in which git reads no config but `home`'s and never prompts. */
export const isolatedGitEnv = isolatedGit;

export const runGit = spawnGit;

/** Runs git and returns its trimmed stdout; throws with its stderr when it fails. */
export const gitOk = async (
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: Buffer | string,
): Promise<string> => {
  const r = await runGit(cwd, args, env, input);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
};

/** `git -c …` arguments that answer every credential question with `credentials`. */
export const credentialArgs = (credentials?: Credentials): string[] => [
  '-c',
  'credential.helper=',
  ...(credentials
    ? [
        '-c',
        `credential.helper=!f() { echo username=${credentials.username}; echo password=${credentials.password}; }; f`,
      ]
    : []),
];

/** A fresh challenge from the server at `url`, with its group and `url`'s origin. */
export const fetchChallenge = async (url: string): Promise<ProofTarget> => {
  const res = await fetch(url + CHALLENGE_PATH);
  if (res.status !== 200) throw new Error(`GET ${CHALLENGE_PATH}: ${res.status}`);
  const body = (await res.json()) as { challenge: string; group: string };
  return { origin: originOf(url), group: body.group, challenge: body.challenge };
};

/** A fresh proof that `signer` holds their key, for the server at `url`. */
export const proofFor = async (url: string, signer: Signer): Promise<Credentials> =>
  makeProof(signer, await fetchChallenge(url));

export const unlockPerson = (person: { home: string; passphrase: string }): Promise<Signer> =>
  new Keystore(person.home).unlock(person.passphrase);

export const basicAuth = (credentials: Credentials): string =>
  `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

export const bodyOf = async (res: Response): Promise<Buffer> =>
  Buffer.from(await res.arrayBuffer());

/** A response body split into its pkt-lines: plain lines, and side-band data and progress. */
export const demux = (body: Buffer): { lines: string[]; data: Buffer; progress: string } => {
  const reader = new PktReader(body);
  const lines: string[] = [];
  const data: Buffer[] = [];
  let progress = '';
  for (let pkt = reader.next(); pkt; pkt = reader.next()) {
    if (pkt.kind !== 'data') continue;
    const band = pkt.payload[0];
    if (band === 1) data.push(pkt.payload.subarray(1));
    else if (band === 2 || band === 3) progress += pkt.payload.toString('utf8', 1);
    else lines.push(pkt.payload.toString('utf8').replace(/\n$/, ''));
  }
  return { lines, data: Buffer.concat(data), progress };
};

/** The pkt-lines of a report-status carried on band 1. */
export const reportOf = (body: Buffer): string[] => demux(demux(body).data).lines;
