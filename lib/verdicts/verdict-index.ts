// The verdicts in force, kept in memory in a compact form so that a lookup costs a few hash probes
// and no database read. Each verdict is an entry under a 96-bit hash of its expression
// (lib/verdicts/expressions.ts), in typed arrays: about 50 bytes a verdict, 1,000,000 verdicts in
// ~60 MB with the hash slots. Entries sharing an expression (URL verdicts on one path with different parameters) are
// chained. The hash is not cryptographic: a collision (odds about 1 in 10^22 per probe at a million
// verdicts) could only make a link look blocked, never unblock one. Kept current by
// lib/verdicts/live-index.ts.
import { type Level, levels } from "@/db/schema";
import { type LookupTarget, type VerdictScope, verdictScopes } from "./expressions";

/** A verdict as the index holds it; times in epoch milliseconds, `expiresAt` Infinity when none. */
export type IndexedVerdict = {
  verdictId: number;
  expression: string;
  scope: VerdictScope;
  requiredParams: readonly string[] | null;
  level: Level;
  category: number;
  ruleVersionId: number;
  startsAt: number;
  expiresAt: number;
};

/** One verdict a lookup met: what precedence and the answer need. */
export type IndexMatch = {
  verdictId: number;
  scope: VerdictScope;
  level: Level;
  category: number;
  ruleVersionId: number;
  expiresAt: number;
};

const EMPTY = 0;
const DEAD = 255;
const URL_SCOPE = verdictScopes.indexOf("url");

type Hash = { a: number; b: number; c: number };
/** One lookup in progress: its target, moment, findings, and its parameters' hashes once needed. */
type Probe = { target: LookupTarget; now: number; found: IndexMatch[]; paramHashes: Int32Array | null };
const scratch: Hash = { a: 0, b: 0, c: 0 };

/**
 * Three independent 32-bit hashes of a string in one pass (murmur-style mixing per UTF-16 unit, the
 * length folded in at the end). The string may be given in parts: the hash is that of their
 * concatenation, so a lookup hashes `host + path` without building the string, and mixes each host
 * once for all of its paths (startWith, then hashFrom).
 */
function hash3(text: string, out: Hash): Hash {
  // Its own state: a parameter is hashed in the middle of a host's paths (matches, collect).
  const saved = { a: hostState.a, b: hostState.b, c: hostState.c };
  startWith(text);
  hashFrom(hostState, "", "", "", text.length, out);
  hostState.a = saved.a;
  hostState.b = saved.b;
  hostState.c = saved.c;
  return out;
}

type MixState = { a: number; b: number; c: number };
const hostState: MixState = { a: 0, b: 0, c: 0 };
const state: MixState = { a: 0, b: 0, c: 0 };

/** Mixes `text` from the seeds into hostState. */
function startWith(text: string): void {
  state.a = 0x9e3779b9;
  state.b = 0x85ebca6b;
  state.c = 0xc2b2ae35;
  mix(text);
  hostState.a = state.a;
  hostState.b = state.b;
  hostState.c = state.c;
}

/** Continues `from` with up to three more parts and finishes the hash of the whole, `length` long. */
function hashFrom(from: MixState, second: string, third: string, fourth: string, length: number, out: Hash): Hash {
  state.a = from.a;
  state.b = from.b;
  state.c = from.c;
  if (second !== "") mix(second);
  if (third !== "") mix(third);
  if (fourth !== "") mix(fourth);
  out.a = finish(state.a ^ length);
  out.b = finish(state.b ^ length);
  out.c = finish(state.c ^ length);
  return out;
}

function mix(text: string): void {
  let { a, b, c } = state;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    a = Math.imul(a ^ k, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ k, 0x27d4eb2f);
    b ^= b >>> 13;
    c = Math.imul(c ^ k, 0x165667b1);
    c ^= c >>> 16;
  }
  state.a = a;
  state.b = b;
  state.c = c;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A 32-bit hash of one required query parameter. */
function paramHash(param: string): number {
  return hash3(param, scratch).a;
}

export class VerdictIndex {
  private capacity = 0;
  private count = 0;
  private dead = 0;
  // Entries, structure of arrays.
  private keyA = new Int32Array(0);
  private keyB = new Int32Array(0);
  private keyC = new Int32Array(0);
  private next = new Int32Array(0);
  private verdictIds = new Int32Array(0);
  private ruleVersions = new Int32Array(0);
  private startsAt = new Float64Array(0);
  private expiresAt = new Float64Array(0);
  private levelOf = new Uint8Array(0);
  private scopeOf = new Uint8Array(0);
  private categoryOf = new Uint8Array(0);
  private paramStart = new Int32Array(0);
  private paramCount = new Uint16Array(0);
  private params = new Int32Array(0);
  private paramsUsed = 0;
  // Open addressing: slot → 1 + the first entry of a distinct key.
  private slots = new Int32Array(16);

  constructor(expected = 0) {
    if (expected > 0) this.grow(expected);
  }

  get size(): number {
    return this.count - this.dead;
  }

  /** Bytes held by the typed arrays (the index's whole size but for a few object headers). */
  get bytes(): number {
    const arrays = [this.keyA, this.keyB, this.keyC, this.next, this.verdictIds, this.ruleVersions, this.startsAt, this.expiresAt, this.levelOf,
      this.scopeOf, this.categoryOf, this.paramStart, this.paramCount, this.params, this.slots];
    return arrays.reduce((sum, a) => sum + a.byteLength, 0);
  }

  add(verdict: IndexedVerdict): void {
    if (this.count === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    const entry = this.count;
    this.count += 1;
    const key = hash3(verdict.expression, scratch);
    this.keyA[entry] = key.a;
    this.keyB[entry] = key.b;
    this.keyC[entry] = key.c;
    this.verdictIds[entry] = verdict.verdictId;
    this.ruleVersions[entry] = verdict.ruleVersionId;
    this.startsAt[entry] = verdict.startsAt;
    this.expiresAt[entry] = verdict.expiresAt;
    this.levelOf[entry] = levels.indexOf(verdict.level);
    this.scopeOf[entry] = verdictScopes.indexOf(verdict.scope);
    this.categoryOf[entry] = verdict.category;
    const required = verdict.scope === "url" ? (verdict.requiredParams ?? []) : [];
    this.paramStart[entry] = this.paramsUsed;
    this.paramCount[entry] = required.length;
    if (this.paramsUsed + required.length > this.params.length) this.params = grown(this.params, Math.max(1024, (this.paramsUsed + required.length) * 2));
    for (const param of required) this.params[this.paramsUsed++] = paramHash(param);

    const slot = this.probe(this.keyA[entry]!, this.keyB[entry]!, this.keyC[entry]!);
    const head = this.slots[slot]!;
    this.next[entry] = head === EMPTY ? -1 : head - 1;
    this.slots[slot] = entry + 1;
  }

  /** Takes a verdict out (lifted, or rewritten); true if it was there. */
  remove(verdictId: number, expression: string): boolean {
    const key = hash3(expression, scratch);
    const slot = this.probe(key.a, key.b, key.c);
    for (let e = this.slots[slot]! - 1; e >= 0; e = this.next[e]!) {
      if (this.verdictIds[e] === verdictId && this.levelOf[e] !== DEAD) {
        this.levelOf[e] = DEAD;
        this.dead += 1;
        return true;
      }
    }
    return false;
  }

  /** Every verdict in force at `now` that holds for the target. */
  matches(target: LookupTarget, now: number): IndexMatch[] {
    const probe: Probe = { target, now, found: [], paramHashes: null };
    if (this.count === 0) return probe.found;
    const { hosts, paths, lookedParams, path } = target;
    for (const host of hosts) {
      startWith(host);
      // The first path is the whole path: the only one a URL verdict holds on.
      for (let j = 0; j < paths.length; j += 1) {
        const prefix = paths[j]!;
        this.collect(hashFrom(hostState, prefix, "", "", host.length + prefix.length, scratch), j === 0, probe);
      }
      for (const param of lookedParams) {
        this.collect(hashFrom(hostState, path, "?", param, host.length + path.length + 1 + param.length, scratch), true, probe);
      }
    }
    return probe.found;
  }

  private collect(key: Hash, wholePath: boolean, probe: Probe): void {
    const head = this.slots[this.probe(key.a, key.b, key.c)]!;
    for (let e = head - 1; e >= 0; e = this.next[e]!) {
      const level = this.levelOf[e]!;
      if (level === DEAD || !(this.startsAt[e]! <= probe.now && probe.now < this.expiresAt[e]!)) continue;
      if (this.scopeOf[e] === URL_SCOPE) {
        if (!wholePath) continue;
        if (this.paramCount[e]! > 0) {
          probe.paramHashes ??= Int32Array.from(probe.target.params, paramHash);
          if (!this.hasParams(e, probe.paramHashes)) continue;
        }
      }
      probe.found.push({
        verdictId: this.verdictIds[e]!,
        scope: verdictScopes[this.scopeOf[e]!]!,
        level: levels[level]!,
        category: this.categoryOf[e]!,
        ruleVersionId: this.ruleVersions[e]!,
        expiresAt: this.expiresAt[e]!,
      });
    }
  }

  private hasParams(entry: number, targetParams: Int32Array): boolean {
    const start = this.paramStart[entry]!;
    const end = start + this.paramCount[entry]!;
    for (let i = start; i < end; i += 1) {
      if (!targetParams.includes(this.params[i]!)) return false;
    }
    return true;
  }

  /** The slot holding this key, or the empty slot where it would go. */
  private probe(a: number, b: number, c: number): number {
    const mask = this.slots.length - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const head = this.slots[slot]!;
      if (head === EMPTY) return slot;
      const e = head - 1;
      if (this.keyA[e] === a && this.keyB[e] === b && this.keyC[e] === c) return slot;
    }
  }

  private grow(capacity: number): void {
    this.keyA = grown(this.keyA, capacity);
    this.keyB = grown(this.keyB, capacity);
    this.keyC = grown(this.keyC, capacity);
    this.next = grown(this.next, capacity);
    this.verdictIds = grown(this.verdictIds, capacity);
    this.ruleVersions = grown(this.ruleVersions, capacity);
    this.paramStart = grown(this.paramStart, capacity);
    this.startsAt = grown(this.startsAt, capacity);
    this.expiresAt = grown(this.expiresAt, capacity);
    this.levelOf = grown(this.levelOf, capacity);
    this.scopeOf = grown(this.scopeOf, capacity);
    this.categoryOf = grown(this.categoryOf, capacity);
    this.paramCount = grown(this.paramCount, capacity);
    this.capacity = capacity;
    // At most half the slots used, so probes stay short; the slots are rebuilt for the new size.
    let slotCount = 16;
    while (slotCount < capacity * 2) slotCount *= 2;
    if (slotCount !== this.slots.length) this.rehash(slotCount);
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    // Re-insert keys oldest first so that each chain keeps its order (newest at the head).
    for (let e = 0; e < this.count; e += 1) {
      const slot = this.probe(this.keyA[e]!, this.keyB[e]!, this.keyC[e]!);
      const head = this.slots[slot]!;
      this.next[e] = head === EMPTY ? -1 : head - 1;
      this.slots[slot] = e + 1;
    }
  }
}

type TypedArray = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;

/** A copy of `array` with room for `capacity` elements. */
function grown<T extends TypedArray>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array.subarray(0, Math.min(array.length, capacity)) as never);
  return bigger;
}
