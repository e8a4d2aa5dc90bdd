/**
 * A map that adds to another without copying it: reads fall through to the layers below. Adding
 * a vote to a derived state of thousands of proposals must not copy their indexes each time, and
 * must leave the state it started from as it was; past a few layers, they are made one again.
 */
const MAX_DEPTH = 16;

export class Layered<K, V> {
  private constructor(
    private readonly own: ReadonlyMap<K, V>,
    private readonly below: Layered<K, V> | undefined,
    private readonly depth: number,
  ) {}

  static of<K, V>(entries: Iterable<readonly [K, V]>): Layered<K, V> {
    return new Layered(new Map(entries), undefined, 0);
  }

  get(key: K): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.below?.get(key);
  }

  has(key: K): boolean {
    return this.own.has(key) || (this.below?.has(key) ?? false);
  }

  /** This map with `entries` added (or replaced), leaving this one as it is. */
  with(entries: Iterable<readonly [K, V]>): Layered<K, V> {
    if (this.depth < MAX_DEPTH) return new Layered(new Map(entries), this, this.depth + 1);
    return Layered.of([...this.entries(), ...entries]);
  }

  /** Every entry, the topmost value for each key. */
  entries(): Map<K, V> {
    const all = this.below?.entries() ?? new Map<K, V>();
    for (const [k, v] of this.own) all.set(k, v);
    return all;
  }
}
