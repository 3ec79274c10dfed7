/** Dollars with cents, or four decimals under a dollar (model calls cost fractions of a cent). */
export const usd = (n: number) => `$${n.toFixed(n !== 0 && Math.abs(n) < 1 ? 4 : 2)}`;
