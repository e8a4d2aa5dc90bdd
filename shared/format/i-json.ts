/**
 * I-JSON (RFC 7493), which RFC 8785 requires of what it canonicalises, forbids a string holding a
 * lone surrogate. `JSON.parse` reads the escape `\ud800` into one, and canonical JSON writes it back
 * as the same escape, so a lenient verifier signs, hashes and counts what a strict one refuses.
 */

/** A UTF-16 code unit of a surrogate with no partner (paired ones are one code point with `u`). */
const loneSurrogate = /\p{Cs}/u;

type Node = { value: unknown; name?: string | number; parent?: Node };

const pointer = (node: Node): string => {
  const names: string[] = [];
  for (let n: Node | undefined = node; n?.name !== undefined; n = n.parent)
    names.unshift(`/${String(n.name).replace(/~/g, '~0').replace(/\//g, '~1')}`);
  // The pointer itself stays well-formed text: a lone surrogate in a name is shown as its escape.
  return (names.join('') || '/').replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
};

/**
 * Where a parsed JSON value holds a lone surrogate, in a string or a member name, as a JSON
 * pointer (the first in document order); undefined if it holds none. Iterative, with each node
 * linked to its parent, so deep nesting costs neither the stack nor a copy of the path per node.
 */
export const loneSurrogateAt = (value: unknown): string | undefined => {
  const stack: Node[] = [{ value }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (loneSurrogate.test(v)) return pointer(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i] as unknown, name: i, parent: node });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (const [name] of entries)
        if (loneSurrogate.test(name)) return pointer({ value: undefined, name, parent: node });
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], name: entries[i]![0], parent: node });
    }
  }
  return undefined;
};
