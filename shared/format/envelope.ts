/** The bytes that are signed, hashed and written for a statement. */
import { canonicalJson } from '../canonical';
import { utf8 } from '../encoding';
import type { Envelope, Signature, Statement } from './types';

/** The signed bytes: UTF-8 of the RFC 8785 canonical JSON of the statement object. */
export const signingBytes = (statement: Statement | Record<string, unknown>): Uint8Array =>
  utf8(canonicalJson(statement));

const sortSignatures = (signatures: Signature[]): Signature[] =>
  [...signatures].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/**
 * The file's text: the canonical JSON re-indented by two spaces, signatures sorted by key, and a
 * final newline. Exactly one text is valid for each statement, so files never differ by layout.
 */
export const renderEnvelope = (envelope: Envelope, canonicalStatement?: string): string =>
  JSON.stringify(
    {
      statement: JSON.parse(canonicalStatement ?? canonicalJson(envelope.statement)) as unknown,
      signatures: sortSignatures(envelope.signatures).map((s) => ({
        key: s.key,
        signature: s.signature,
      })),
    },
    null,
    2,
  ) + '\n';
