// Which verdicts apply to a link, on a real SQLite file: expiry without a job, lifting, start times,
// URL and domain keys, and precedence between them.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import type { Level } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { canonicalize } from "@/lib/links/canonicalize";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { HOUR_MS } from "@/lib/time/now";
import { expressionKey } from "@/lib/verdicts/expressions";
import { verdictChangesSince } from "@/lib/verdicts/change-feed";
import { strongestVerdict, verdictFor, verdictsInForce } from "@/lib/verdicts/in-force";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const MINUTE_MS = 60_000;

let moderator: Actor;
let senior: Actor;
let reporters = 0;

function keyOf(url: string) {
  const canonical = canonicalize(url);
  if (!canonical.ok) throw new Error(`not a URL: ${url}`);
  return canonical.link;
}

/** Files a complaint about `url` and decides it as a violation; returns the verdict id. */
function decide(url: string, category: CategoryCode, level: Level, durationHours: number | null, actor = moderator): number {
  reporters += 1;
  const { caseId } = fileReport(
    db,
    { url, category, scene: "moments", reporterHash: reporterHash(`in-force-${reporters}`), source: "portal" },
    { now },
  ).report;
  const { version } = sqlite.prepare("select version from cases where id = ?").get(caseId) as { version: number };
  const result = decideCase(
    db,
    actor,
    { caseId, caseVersion: version, outcome: "violation", category, level, durationHours, rationale: "Seen and confirmed by the reviewer." },
    { now },
  );
  return result.verdictId!;
}

beforeAll(async () => {
  await seedDemo(db, { now });
  moderator = await makeStaff("moderator");
  senior = await makeStaff("senior");
});

describe("verdicts in force", () => {
  it("expire by themselves: a one-hour verdict applies after 30 minutes and not after 61", () => {
    const url = "https://www.bilibili.com/video/BV900000001";
    const verdictId = decide(url, "rumour", "L1", 1);
    const ids = (when: Date) => verdictsInForce(db, keyOf(url), when).map((v) => v.id);
    expect(ids(at(30 * MINUTE_MS))).toEqual([verdictId]);
    expect(ids(at(60 * MINUTE_MS - 1))).toEqual([verdictId]);
    // The expiry instant itself is already outside.
    expect(ids(at(60 * MINUTE_MS))).toEqual([]);
    expect(ids(at(61 * MINUTE_MS))).toEqual([]);
    expect(verdictFor(db, keyOf(url), at(61 * MINUTE_MS))).toBeNull();
  });

  it("do not apply before they start, and stop applying once lifted", () => {
    const url = "https://www.bilibili.com/video/BV900000002";
    const verdictId = decide(url, "fraud_scam", "L3", null);
    expect(verdictsInForce(db, keyOf(url), at(-MINUTE_MS))).toEqual([]);
    expect(verdictsInForce(db, keyOf(url), now).map((v) => v.id)).toEqual([verdictId]);
    expect(verdictsInForce(db, keyOf(url), at(365 * 24 * HOUR_MS)).map((v) => v.id)).toEqual([verdictId]);

    sqlite.prepare("update verdicts set lifted_at = ?, lifted_reason = 'restore approved' where id = ?").run(at(HOUR_MS).toISOString(), verdictId);
    expect(verdictsInForce(db, keyOf(url), at(2 * HOUR_MS))).toEqual([]);
  });

  it("apply a URL verdict to its canonical URL only, whatever variant is asked about", () => {
    const url = "https://www.bilibili.com/video/BV900000003";
    const verdictId = decide(url, "excessive_marketing", "L1", 720);
    expect(verdictsInForce(db, keyOf(`${url}?utm_source=wechat`), now).map((v) => v.id)).toEqual([verdictId]);
    expect(verdictsInForce(db, keyOf("https://www.bilibili.com/video/BV900000004"), now)).toEqual([]);
  });
});

describe("precedence", () => {
  it("a domain L4 wins over a URL L1 on the same link, and covers the domain's other URLs", () => {
    const warned = "https://lucky-red-packet.top/p/900000011";
    const urlVerdict = decide(warned, "rumour", "L1", 720);
    decide("https://lucky-red-packet.top/p/900000010", "fraud_scam", "L3", null);
    // Second fraud on the domain: the ladder's L4 step, which a senior may take.
    const domainVerdict = decide("https://lucky-red-packet.top/p/900000012", "fraud_scam", "L4", null, senior);

    const applying = verdictsInForce(db, keyOf(warned), at(MINUTE_MS));
    expect(applying.map((v) => [v.id, v.scope, v.level])).toEqual([
      [urlVerdict, "url", "L1"],
      [domainVerdict, "domain", "L4"],
    ]);
    expect(strongestVerdict(applying)).toMatchObject({ id: domainVerdict, scope: "domain", level: "L4" });
    expect(verdictFor(db, keyOf("https://www.lucky-red-packet.top/never/reported"), at(MINUTE_MS))?.id).toBe(domainVerdict);
    // Another domain is untouched.
    expect(verdictsInForce(db, keyOf("https://lucky-red-packet.xyz/p/900000012"), at(MINUTE_MS))).toEqual([]);
  });
});

describe("the change feed", () => {
  it("lists every verdict once, in order, keyed as clients mirror them, and pages by sequence", () => {
    // The demo's own decisions come first: read the whole feed, page by page.
    const all: ReturnType<typeof verdictChangesSince> = [];
    for (let page = verdictChangesSince(db, 0, 500); page.length > 0; page = verdictChangesSince(db, page.at(-1)!.seq, 500)) all.push(...page);
    const verdictIds = (sqlite.prepare("select id from verdicts order by id").all() as { id: number }[]).map((v) => v.id);
    expect(all.map((c) => c.verdictId)).toEqual(verdictIds);
    expect(all.map((c) => c.seq)).toEqual([...all.map((c) => c.seq)].sort((a, b) => a - b));
    const domainKey = expressionKey("lucky-red-packet.top/");
    expect(all.find((c) => c.keyType === "domain" && c.key === domainKey)).toMatchObject({ level: "L4", expiresAt: null, params: null });
    expect(all.every((c) => /^[0-9a-f]{64}$/.test(c.key))).toBe(true);

    const firstPage = verdictChangesSince(db, 0, 2);
    const rest = verdictChangesSince(db, firstPage.at(-1)!.seq, all.length);
    expect([...firstPage, ...rest]).toEqual(all);
  });
});
