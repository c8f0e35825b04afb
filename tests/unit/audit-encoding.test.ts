import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, type HashedFields, canonicalJson, encodeEvent, eventHash } from "@/lib/audit/encoding";

const event: HashedFields = {
  seq: 1,
  at: "2026-11-24T08:00:00.000Z",
  actorId: 7,
  action: "staff.role_changed",
  targetType: "user",
  targetId: "12",
  before: '{"role":"moderator"}',
  after: '{"role":"senior"}',
  requestId: "req-1",
};

describe("audit hash encoding", () => {
  it("sorts object keys at every depth, so equal values encode equally", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("drops undefined fields instead of encoding them", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("encodes the fields in a fixed order with a version tag", () => {
    expect(encodeEvent(event)).toBe(
      '["ld-audit-v1",1,"2026-11-24T08:00:00.000Z",7,"staff.role_changed","user","12","{\\"role\\":\\"moderator\\"}","{\\"role\\":\\"senior\\"}","req-1"]',
    );
  });

  it("hashes the previous hash and the encoding with SHA-256", () => {
    const expected = createHash("sha256").update(`${GENESIS_HASH}\n${encodeEvent(event)}`).digest("hex");
    expect(eventHash(GENESIS_HASH, event)).toBe(expected);
    expect(eventHash(GENESIS_HASH, event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when any field or the previous hash changes", () => {
    const base = eventHash(GENESIS_HASH, event);
    const variants: Partial<HashedFields>[] = [
      { seq: 2 },
      { at: "2026-11-24T08:00:00.001Z" },
      { actorId: null },
      { action: "staff.disabled" },
      { targetType: "api_client" },
      { targetId: "13" },
      { before: null },
      { after: '{"role":"admin"}' },
      { requestId: null },
    ];
    for (const change of variants) expect(eventHash(GENESIS_HASH, { ...event, ...change })).not.toBe(base);
    expect(eventHash("f".repeat(64), event)).not.toBe(base);
  });

  it("cannot be fooled by moving text between fields", () => {
    const a = eventHash(GENESIS_HASH, { ...event, targetType: "user", targetId: "12" });
    const b = eventHash(GENESIS_HASH, { ...event, targetType: "user1", targetId: "2" });
    expect(a).not.toBe(b);
  });
});
