// Rounding the way Xero does it: half away from zero, at a fixed number of decimal places.

export function roundTo(value: number, dp: number): number {
  const factor = 10 ** dp;
  const scaled = Math.abs(value) * factor;
  // The epsilon absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  const rounded = Math.round(scaled + 1e-7) / factor;
  return value < 0 ? -rounded : rounded;
}

export const round2 = (value: number): number => roundTo(value, 2);

export function sum(values: number[]): number {
  return round2(values.reduce((total, v) => total + v, 0));
}
