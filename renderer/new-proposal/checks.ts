/** Checks of single fields, mirroring the statement schemas (shared/format/schema-parts.ts). */
import type { DerivedState, ModelView } from '../../shared/derive/state';
import type { ModelFile, Share } from '../../shared/format/types';
import { isSpdxExpression } from '../../shared/spdx';
import type { FileRow, ShareRow } from './draft';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };
export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const no = (error: string): { ok: false; error: string } => ({ ok: false, error });

const SLUG = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** 32 bytes in base64url: the last character carries 2 unused bits, which must be zero. */
const PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;
const PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._+-][A-Za-z0-9._+/-]{0,254}$/;
export const MAX_SHARES = 1_000_000_000_000;

/** The schemas count characters (code points), not UTF-16 units. */
export const length = (text: string): number => [...text].length;

export const text = (value: string, what: string, max: number): Checked<string> => {
  const t = value.trim();
  if (t === '') return no(`Give ${what}.`);
  return length(t) > max ? no(`Keep ${what} to ${max} characters.`) : ok(t);
};

export const publicKey = (value: string): Checked<string> => {
  const key = value.trim();
  if (key.length !== 43) return no('A public key is 43 characters of base64url.');
  return PUBLIC_KEY.test(key) ? ok(key) : no('That is not an Ed25519 public key in base64url.');
};

export const slug = (value: string): Checked<string> => {
  const s = value.trim();
  return SLUG.test(s)
    ? ok(s)
    : no(
        'The slug is lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (at most 64).',
      );
};

export const version = (value: string): Checked<string> => {
  const v = value.trim();
  return VERSION.test(v)
    ? ok(v)
    : no('The version is letters, digits, ".", "_", "+" or "-", starting with a letter or digit.');
};

export const license = (value: string): Checked<string> => {
  const l = value.trim();
  if (l === '') return no('Choose a licence.');
  if (length(l) > 200) return no('Keep the licence to 200 characters.');
  return isSpdxExpression(l)
    ? ok(l)
    : no(`"${l}" is not an SPDX licence expression (e.g. MIT, Apache-2.0 OR MIT).`);
};

export const wholeShares = (value: string): Checked<number> => {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n <= 0)
    return no('Shares must be a whole number above zero.');
  return n > MAX_SHARES ? no(`Shares can be at most ${MAX_SHARES.toLocaleString()}.`) : ok(n);
};

/** A model that proposals may still concern: registered and not retired. */
export const liveModel = (state: DerivedState, slugValue: string): Checked<ModelView> => {
  const model = state.models.find((m) => m.slug === slugValue);
  if (model === undefined) return no('Pick a model.');
  return model.retired ? no(`${model.slug} is retired.`) : ok(model);
};

/** Files as typed: blank rows dropped, hashes lowercased, no path twice. */
export const files = (rows: FileRow[]): Checked<ModelFile[]> => {
  const out: ModelFile[] = [];
  for (const row of rows) {
    const path = row.path.trim();
    const sha256 = row.sha256.trim().toLowerCase();
    if (path === '' && sha256 === '') continue;
    if (!PATH.test(path)) return no(`"${path}" is not a file path inside the model's folder.`);
    if (!HEX64.test(sha256)) return no(`The SHA-256 of ${path} must be 64 hexadecimal digits.`);
    if (out.some((f) => f.path === path)) return no(`${path} is listed twice.`);
    out.push({ path, sha256 });
  }
  return out.length > 10_000 ? no('List at most 10,000 files.') : ok(out);
};

/** Owners as typed: blank rows dropped, each a member once, each with whole shares. */
export const owners = (state: DerivedState, rows: ShareRow[]): Checked<Share[]> => {
  const out: Share[] = [];
  for (const row of rows) {
    if (row.member === '' && row.shares.trim() === '') continue;
    const member = state.members.find((m) => m.id === row.member);
    if (member === undefined) return no('Choose a member for each owner.');
    if (out.some((o) => o.member === member.id)) return no(`${member.name} is listed twice.`);
    const shares = wholeShares(row.shares);
    if (!shares.ok) return no(`${member.name}: ${shares.error}`);
    out.push({ member: member.id, shares: shares.value });
  }
  return out.length === 0 ? no('Name at least one owner.') : ok(out);
};

export const totalShares = (rows: ShareRow[]): number =>
  rows.reduce((sum, r) => {
    const n = Number(r.shares);
    return Number.isInteger(n) && n > 0 ? sum + n : sum;
  }, 0);
