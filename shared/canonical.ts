import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON text of a value; throws on values JSON cannot carry. */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
};
