import { round2, round4, sumMoney } from '../../src/domain/money';

describe('money rounding', () => {
  it.each([
    [1.005, 1.01],
    [0.285, 0.29],
    [2.675, 2.68],
    [-1.005, -1.01],
    [-0.004, 0],
    [1234567.895, 1234567.9],
    [0.1 + 0.2, 0.3],
  ])('rounds %p to 2 dp as %p, half away from zero', (value, expected) => {
    expect(round2(value)).toBe(expected);
  });

  it.each([
    [1.00005, 1.0001],
    [9.66665, 9.6667],
    [3.14159265, 3.1416],
  ])('rounds %p to 4 dp as %p', (value, expected) => {
    expect(round4(value)).toBe(expected);
  });

  it('sums two hundred cent amounts without drift', () => {
    expect(sumMoney(Array.from({ length: 200 }, () => 0.1))).toBe(20);
  });

  it('treats non-finite input as zero instead of propagating NaN', () => {
    expect(round2(Number.NaN)).toBe(0);
  });
});
