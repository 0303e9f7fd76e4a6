/**
 * Rounding without float drift: JS numbers, each rounding snapped to 15 significant digits first, half
 * away from zero; sums in integer cents (docs/domain-rules.md).
 */

const FACTORS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 1e10];

function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return 0;
  const factor = FACTORS[decimals] ?? 10 ** decimals;
  let scaled = Math.abs(value) * factor;
  // Only a value within float noise of a half needs snapping; skipping it elsewhere keeps this fast.
  const fraction = scaled - Math.floor(scaled);
  if (Math.abs(fraction - 0.5) < 1e-6) scaled = Number(scaled.toPrecision(15));
  const rounded = Math.round(scaled) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Round to 2 decimal places, half away from zero (amounts, tax). */
export function round2(value: number): number {
  return roundTo(value, 2);
}

/** Round to 4 decimal places, half away from zero (unit amounts with unitdp=4, quantities). */
export function round4(value: number): number {
  return roundTo(value, 4);
}

/** An amount as whole cents. */
export function toCents(value: number): number {
  return Math.round(round2(value) * 100);
}

/** Sum 2-dp amounts exactly, through integer cents. */
export function sumMoney(values: readonly number[]): number {
  let cents = 0;
  for (const v of values) cents += toCents(v);
  return cents / 100;
}

/** True when a value has more decimal places than `decimals` (after removing float noise). */
export function hasMoreDecimals(value: number, decimals: number): boolean {
  return roundTo(value, decimals) !== roundTo(value, decimals + 6);
}
