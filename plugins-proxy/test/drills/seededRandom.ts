/**
 * Seeded randomness for the drills: DRILL_SEED reproduces a run; otherwise a fresh seed is drawn
 * and printed, so a failing run can be replayed exactly.
 */
export interface SeededRandom {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
}

export function seededRandom(label: string): SeededRandom {
  const seed = Number(process.env.DRILL_SEED) || Math.floor(Math.random() * 2 ** 31);
  process.stderr.write(`${label}: seed ${seed} (replay with DRILL_SEED=${seed})\n`);
  // mulberry32: small, fast and good enough to pick kill moments.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}
