// Deterministic randomness for the demo seed: a fixed-seed PRNG and the helpers that draw ids,
// codes and weighted choices from it. Nothing here reads the clock or Math.random.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const DIGITS = "0123456789";
// Tracking codes are read aloud and typed from screenshots: no 0/O or 1/I.
export const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  chars(n: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < n; i += 1) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  digits(n: number): string {
    return String(this.int(1, 9)) + this.chars(n - 1, DIGITS);
  }
  /** Exponentially distributed with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Fills {dN} digits, {aN} letters and digits, {lN} lowercase letters and digits, {hN} hex. */
export function fill(rng: Rng, template: string): string {
  return template.replace(/\{([adlh])(\d+)\}/g, (_, kind: string, n: string) => {
    const count = Number(n);
    if (kind === "d") return rng.digits(count);
    if (kind === "a") return rng.chars(count, ALNUM);
    if (kind === "l") return rng.chars(count, LOWER_ALNUM);
    return rng.chars(count, HEX);
  });
}
