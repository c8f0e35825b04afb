import { randomInt } from "node:crypto";

// No 0/O or 1/I: reporters read these codes aloud and type them from screenshots.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** "LD-7KQ4M2XW": 40 bits of randomness, so codes cannot be guessed to read others' complaints. */
export function newTrackingCode(): string {
  let code = "LD-";
  for (let i = 0; i < 8; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export const trackingCodePattern = /^LD-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;
