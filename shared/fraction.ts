/**
 * Exact comparisons of weights against charter fractions. Fractions are read from their shortest
 * decimal form (what JSON carries), so 0.6 is exactly 6/10 and no float rounding decides a vote.
 */
export type Fraction = { num: bigint; den: bigint };

export const toFraction = (value: number): Fraction => {
  if (!Number.isFinite(value) || value < 0) throw new Error(`not a fraction: ${value}`);
  const [mantissa = '0', exponentText = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', decimals = ''] = mantissa.split('.');
  const exponent = Number(exponentText) - decimals.length;
  const digits = BigInt(whole + decimals);
  return exponent >= 0
    ? { num: digits * 10n ** BigInt(exponent), den: 1n }
    : { num: digits, den: 10n ** BigInt(-exponent) };
};

/** a ≥ f × b */
export const atLeast = (a: number, f: number, b: number): boolean => {
  const { num, den } = toFraction(f);
  return BigInt(a) * den >= num * BigInt(b);
};

/** a > f × b */
export const moreThan = (a: number, f: number, b: number): boolean => {
  const { num, den } = toFraction(f);
  return BigInt(a) * den > num * BigInt(b);
};
