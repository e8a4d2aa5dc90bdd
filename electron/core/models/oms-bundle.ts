/**
 * Reads an OMS `model.sig` as hostile input: a Sigstore bundle (v0.3 JSON) whose DSSE envelope
 * carries an in-toto Statement v1 of predicate type `https://model_signing/signature/v1.0`, with
 * the `files` serialization over SHA-256. Anything else is a problem named, never a throw.
 */
const HEX64 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A signature file larger than this is not one (a model of 10,000 files is about 2 MB). */
export const MAX_SIGNATURE_BYTES = 64 * 1024 * 1024;

export type OmsStatement = {
  root: string;
  files: { path: string; sha256: string }[];
  ignorePaths: string[];
  allowSymlinks: boolean;
};

export type OmsBundle =
  | {
      ok: true;
      envelope: { payloadType: string; payload: Buffer; signatures: Buffer[] };
      statement: OmsStatement;
    }
  | { ok: false; problem: string };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (problem: string): OmsBundle => ({ ok: false, problem: `model.sig: ${problem}` });

const base64 = (v: unknown): Buffer | undefined =>
  typeof v === 'string' && BASE64.test(v) ? Buffer.from(v, 'base64') : undefined;

export const parseOmsBundle = (bytes: Buffer): OmsBundle => {
  if (bytes.length > MAX_SIGNATURE_BYTES) return fail('larger than any signature file');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return fail(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(json) || !isObject(json.dsseEnvelope)) return fail('no DSSE envelope');
  const env = json.dsseEnvelope;
  if (env.payloadType !== 'application/vnd.in-toto+json')
    return fail(`payload type ${String(env.payloadType)}, not application/vnd.in-toto+json`);
  const payload = base64(env.payload);
  if (!payload) return fail('the payload is not base64');
  const signatures = Array.isArray(env.signatures)
    ? env.signatures.map((s) => (isObject(s) ? base64(s.sig) : undefined))
    : [];
  if (signatures.length === 0 || signatures.some((s) => !s?.length))
    return fail('no signature, or one that is not base64');
  const statement = readStatement(payload);
  if (typeof statement === 'string') return fail(statement);
  return {
    ok: true,
    envelope: { payloadType: env.payloadType, payload, signatures: signatures as Buffer[] },
    statement,
  };
};

const readStatement = (payload: Buffer): OmsStatement | string => {
  let st: unknown;
  try {
    st = JSON.parse(payload.toString('utf8'));
  } catch (error) {
    return `the payload is not JSON (${(error as Error).message})`;
  }
  if (!isObject(st) || st._type !== 'https://in-toto.io/Statement/v1')
    return 'the payload is not an in-toto Statement v1';
  if (st.predicateType !== 'https://model_signing/signature/v1.0')
    return `predicate type ${String(st.predicateType)}, not https://model_signing/signature/v1.0`;
  const subject: unknown = Array.isArray(st.subject) ? st.subject[0] : undefined;
  const root = isObject(subject) && isObject(subject.digest) ? subject.digest.sha256 : undefined;
  if (typeof root !== 'string' || !HEX64.test(root)) return 'no SHA-256 root digest in the subject';
  const p = st.predicate;
  const ser = isObject(p) ? p.serialization : undefined;
  if (!isObject(p) || !isObject(ser) || ser.method !== 'files' || ser.hash_type !== 'sha256')
    return 'not the files serialization over SHA-256';
  if (!Array.isArray(p.resources) || p.resources.length === 0) return 'no signed files';
  const files: OmsStatement['files'] = [];
  for (const r of p.resources) {
    if (!isObject(r) || typeof r.name !== 'string' || r.name.length === 0 || r.name.length > 4096)
      return 'a signed file with no name';
    if (r.algorithm !== 'sha256' || typeof r.digest !== 'string' || !HEX64.test(r.digest))
      return `${r.name}: not a SHA-256 digest`;
    if (files.some((f) => f.path === r.name)) return `${r.name} is signed twice`;
    files.push({ path: r.name, sha256: r.digest });
  }
  const ignore: unknown[] = Array.isArray(ser.ignore_paths) ? ser.ignore_paths : [];
  if (!ignore.every((i): i is string => typeof i === 'string')) return 'ignore_paths are not paths';
  return {
    root,
    files,
    ignorePaths: ignore,
    allowSymlinks: ser.allow_symlinks === true,
  };
};
