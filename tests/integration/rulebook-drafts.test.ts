// Managers change the rulebook through a draft, against a real SQLite file with the demo data
// (published version 1): publishing makes a new immutable version, every change is audited in its
// transaction, and every refusal — a second draft, a rulebook with gaps, a published version, bad
// input — writes nothing.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import type { Actor } from "@/lib/auth/actor";
import { verifyAuditChain } from "@/lib/audit/verify";
import { publishDraftAction } from "@/lib/rules/actions/publish-draft";
import { startDraftAction } from "@/lib/rules/actions/start-draft";
import { updateDraftRuleAction } from "@/lib/rules/actions/update-draft-rule";
import { discardDraftAction } from "@/lib/rules/actions/discard-draft";
import { categoryCodes } from "@/lib/rules/categories";
import { defaultRulebook } from "@/lib/rules/default-rulebook";
import { diffVersions } from "@/lib/rules/diff";
import { discardDraft, startDraft, updateDraftRule } from "@/lib/rules/drafts";
import { publishDraft } from "@/lib/rules/publish";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { draftVersion, ruleVersionByNumber, rulesOf } from "@/lib/rules/versions";
import { databaseDump, refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();

type Event = { seq: number; actor_id: number | null; action: string; target_type: string; target_id: string; before: string | null; after: string | null; request_id: string | null };
const eventsSince = (seq: number) => sqlite.prepare("select * from audit_events where seq > ? order by seq").all(seq) as Event[];
const lastSeq = () => (sqlite.prepare("select coalesce(max(seq), 0) as seq from audit_events").get() as { seq: number }).seq;

let manager: Actor;
let who: { actorId: number; requestId: string };

const defaultRule = (category: string) => {
  const rule = defaultRulebook.find((r) => r.category === category)!;
  return {
    category: rule.category,
    ladder: rule.ladder,
    allowsDomainBlock: rule.allowsDomainBlock,
    domainBlockThreshold: rule.domainBlockThreshold,
    reasonEn: rule.reasonEn,
    reasonZh: rule.reasonZh,
  };
};

/** The rumour rule with its first step shortened from 30 days (to 14 unless said): a valid change. */
const shorterRumourWarning = (version: number, days = 14) => ({
  ...defaultRule("rumour"),
  version,
  ladder: [
    { level: "L1", durationHours: days * 24 },
    { level: "L2", durationHours: 30 * 24 },
    { level: "L3", durationHours: null },
  ],
});

/** Asserts that `run` is refused with `code` (and these field errors) and that no row changed. */
function expectRefusal(run: () => unknown, code: string, fieldErrors?: Record<string, string[]>) {
  const refusal = refusedWithoutWrites(run);
  expect(refusal).toMatchObject({ code, ...(fieldErrors ? { fieldErrors } : {}) });
  return refusal;
}

const version1Rules = () => JSON.stringify(rulesOf(db, ruleVersionByNumber(db, 1)!.id));
let version1Snapshot: string;

beforeAll(async () => {
  await seedDemo(db, { now: new Date("2026-11-24T08:00:00.000Z") });
  manager = await makeStaff("manager");
  who = { actorId: manager.id, requestId: "req-rules" };
  version1Snapshot = JSON.stringify({ version: ruleVersionByNumber(db, 1), rules: version1Rules() });
});

beforeEach(() => {
  const draft = draftVersion(db);
  if (draft) discardDraft(db, who, { version: draft.version });
});

const version1Unchanged = () => expect(JSON.stringify({ version: ruleVersionByNumber(db, 1), rules: version1Rules() })).toBe(version1Snapshot);

describe("start → edit → publish", () => {
  it("creates the next version, published with the change and audited, and leaves earlier versions as they were", () => {
    const seq = lastSeq();
    const started = startDraft(db, who);
    const current = publishedRulebook(db)!.version.version;
    expect(started).toEqual({ version: current + 1, basedOn: current });
    const draftRow = draftVersion(db)!;
    expect(draftRow).toMatchObject({ version: started.version, status: "draft", createdBy: manager.id, publishedAt: null });
    // The draft copies every rule; the rules page and decisions still see the published version.
    expect(rulesOf(db, draftRow.id).map((r) => r.category)).toEqual([...categoryCodes]);
    expect(publishedRulebook(db)!.version.version).toBe(current);

    expect(updateDraftRule(db, who, shorterRumourWarning(started.version))).toEqual({ version: started.version, category: "rumour", changed: true });
    // Saving the same rule again changes nothing and writes no event.
    const unchanged = databaseDump();
    expect(updateDraftRule(db, who, shorterRumourWarning(started.version))).toMatchObject({ changed: false });
    expect(databaseDump()).toBe(unchanged);

    const published = publishDraft(db, who, { version: started.version, summary: "  Shorter first warning for rumours  " });
    expect(published).toMatchObject({ version: started.version, summary: "Shorter first warning for rumours", basedOn: current, categories: ["rumour"] });

    const rulebook = publishedRulebook(db)!;
    expect(rulebook.version).toMatchObject({ version: started.version, status: "published", summary: "Shorter first warning for rumours", publishedAt: published.publishedAt });
    const rumour = rulebook.rules.find((r) => r.category === "rumour")!;
    expect(rumour).toMatchObject({ principle: "P1", severity: "medium", ladder: shorterRumourWarning(0).ladder });
    expect(rulebook.rules.find((r) => r.category === "gambling")).toMatchObject(defaultRule("gambling"));
    version1Unchanged();

    const events = eventsSince(seq);
    expect(events.map((e) => e.action)).toEqual(["rules.draft_started", "rules.draft_rule_changed", "rules.published"]);
    expect(events.every((e) => e.actor_id === manager.id && e.target_type === "rule_version" && e.target_id === String(draftRow.id) && e.request_id === "req-rules")).toBe(true);
    expect(JSON.parse(events[0]!.after!)).toEqual({ version: started.version, basedOn: current });
    expect(JSON.parse(events[1]!.before!)).toMatchObject({ category: "rumour", ladder: defaultRule("rumour").ladder });
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ category: "rumour", ladder: shorterRumourWarning(0).ladder });
    expect(JSON.parse(events[2]!.after!)).toEqual({ version: started.version, summary: "Shorter first warning for rumours", basedOn: current, categories: ["rumour"] });
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it("runs the same way through the actions a manager's form calls, with form-encoded fields", async () => {
    const started = await startDraftAction.run(manager, {});
    expect(started).toMatchObject({ ok: true });
    const version = (started as { data: { version: number } }).data.version;
    const saved = await updateDraftRuleAction.run(manager, {
      version: String(version),
      category: "excessive_marketing",
      ladder: JSON.stringify([{ level: "L1", durationHours: 7 * 24 }, { level: "L2", durationHours: 30 * 24 }, { level: "L3", durationHours: null }]),
      allowsDomainBlock: undefined,
      domainBlockThreshold: "",
      reasonEn: "This page may show too many ads.",
      reasonZh: "该网页可能广告过多。",
    });
    expect(saved).toMatchObject({ ok: true, data: { changed: true } });
    expect(await publishDraftAction.run(manager, { version: String(version), summary: "Shorter warning for spam" })).toMatchObject({ ok: true });
    expect(publishedRulebook(db)!.rules.find((r) => r.category === "excessive_marketing")).toMatchObject({
      ladder: [{ level: "L1", durationHours: 168 }, { level: "L2", durationHours: 720 }, { level: "L3", durationHours: null }],
      allowsDomainBlock: false,
      domainBlockThreshold: null,
      reasonEn: "This page may show too many ads.",
    });
  });
});

describe("refusals write nothing", () => {
  it("refuses a second draft while one exists", () => {
    startDraft(db, who);
    expectRefusal(() => startDraft(db, who), "conflict");
  });

  it("refuses to publish a ladder that gets lighter, with the reason", () => {
    const { version } = startDraft(db, who);
    updateDraftRule(db, who, {
      ...defaultRule("illegal_trade"),
      version,
      ladder: [{ level: "L3", durationHours: null }, { level: "L2", durationHours: 30 * 24 }, { level: "L4", durationHours: null }],
    });
    const refusal = expectRefusal(() => publishDraft(db, who, { version, summary: "Lighter repeat for illegal trade" }), "invalid");
    expect(refusal.message).toBe("rules.errors.rulebookHasProblems");
    expect(refusal.fieldErrors).toEqual({
      _rulebook: ["The ladder for Illegal trade (illegal_trade) gets lighter at offence 2: L3 until lifted → L2 30 days; a repeat offence may not get a lower level."],
    });
    expect(draftVersion(db)).toMatchObject({ version, status: "draft" });
  });

  it("lists every problem at once: a critical category below L3 and an L4 without a domain block", () => {
    const { version } = startDraft(db, who);
    updateDraftRule(db, who, { ...defaultRule("gambling"), version, ladder: [{ level: "L1", durationHours: 24 }, { level: "L4", durationHours: null }] });
    updateDraftRule(db, who, { ...defaultRule("illegal_trade"), version, allowsDomainBlock: false });
    const refusal = expectRefusal(() => publishDraft(db, who, { version, summary: "Two gaps at once" }), "invalid");
    expect(refusal.fieldErrors!._rulebook).toEqual([
      "The rule for Gambling (gambling) starts at L1: a critical category is handled at L3 or above from the first offence.",
      "The ladder for Illegal trade (illegal_trade) reaches L4 but the rule does not allow a domain-wide block.",
    ]);
  });

  it("refuses to publish a draft that changes nothing", () => {
    const { version } = startDraft(db, who);
    expectRefusal(() => publishDraft(db, who, { version, summary: "Nothing at all" }), "conflict");
  });

  it("refuses every change to a published version", () => {
    const seq = lastSeq();
    expectRefusal(() => updateDraftRule(db, who, { ...shorterRumourWarning(1) }), "conflict");
    expectRefusal(() => publishDraft(db, who, { version: 1, summary: "Publish it again" }), "conflict");
    expectRefusal(() => discardDraft(db, who, { version: 1 }), "conflict");
    expectRefusal(() => updateDraftRule(db, who, { ...shorterRumourWarning(99) }), "not_found");
    expect(eventsSince(seq)).toEqual([]);
    version1Unchanged();
  });

  it("answers invalid input with field errors per field and step", () => {
    const { version } = startDraft(db, who);
    const good = shorterRumourWarning(version);
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ ...good, ladder: [{ level: "L5", durationHours: null }] }, { "ladder.0.level": ["rules.errors.level"] }],
      [{ ...good, ladder: [{ level: "L1", durationHours: 0 }] }, { "ladder.0.durationHours": ["rules.errors.duration"] }],
      [{ ...good, ladder: [{ level: "L1", durationHours: 87_601 }] }, { "ladder.0.durationHours": ["rules.errors.duration"] }],
      [{ ...good, ladder: [{ level: "L1", durationHours: 1.5 }] }, { "ladder.0.durationHours": ["rules.errors.duration"] }],
      [{ ...good, ladder: [{ level: "L1", durationHours: 24 }, { level: "L2", durationHours: "abc" }] }, { "ladder.1.durationHours": ["rules.errors.duration"] }],
      [{ ...good, ladder: [] }, { ladder: ["rules.errors.ladderLength"] }],
      [{ ...good, ladder: Array.from({ length: 9 }, () => ({ level: "L3", durationHours: null })) }, { ladder: ["rules.errors.ladderLength"] }],
      [{ ...good, ladder: "not json" }, { ladder: ["rules.errors.ladderLength"] }],
      [{ ...good, reasonEn: "   ", reasonZh: "x".repeat(301) }, { reasonEn: ["rules.errors.reasonLength"], reasonZh: ["rules.errors.reasonLength"] }],
      [{ ...good, domainBlockThreshold: "1" }, { domainBlockThreshold: ["rules.errors.threshold"] }],
      [{ ...good, domainBlockThreshold: "two" }, { domainBlockThreshold: ["rules.errors.threshold"] }],
      [{ ...good, category: "spam" }, { category: ["rules.errors.category"] }],
    ];
    for (const [input, fieldErrors] of cases) expectRefusal(() => updateDraftRule(db, who, input), "invalid", fieldErrors);
    expectRefusal(() => publishDraft(db, who, { version, summary: "Tiny" }), "invalid", { summary: ["rules.errors.summaryLength"] });
    expectRefusal(() => publishDraft(db, who, { version, summary: "x".repeat(501) }), "invalid", { summary: ["rules.errors.summaryLength"] });
  });

  it("gives field errors through every action, and junk is refused as invalid", async () => {
    const { version } = startDraft(db, who);
    const junk = { junk: "<script>", userId: "not-a-number", clientId: -1, locale: "fr" };
    for (const action of [startDraftAction, updateDraftRuleAction, discardDraftAction, publishDraftAction]) {
      const before = databaseDump();
      expect(await action.run(manager, junk), action.name).toMatchObject({ ok: false, code: "invalid" });
      expect(databaseDump()).toBe(before);
    }
    const result = await updateDraftRuleAction.run(manager, { ...shorterRumourWarning(version), ladder: JSON.stringify([{ level: "L1", durationHours: -3 }]) });
    expect(result).toEqual({ ok: false, code: "invalid", message: "errors.invalid", fieldErrors: { "ladder.0.durationHours": ["rules.errors.duration"] } });
  });
});

describe("discarding", () => {
  it("removes the draft and records which changes were dropped; the next draft reuses the number", () => {
    const { version } = startDraft(db, who);
    updateDraftRule(db, who, shorterRumourWarning(version, 3));
    const seq = lastSeq();
    expect(discardDraft(db, who, { version })).toEqual({ version });
    expect(draftVersion(db)).toBeUndefined();
    expect(ruleVersionByNumber(db, version)).toBeUndefined();
    const [event] = eventsSince(seq);
    expect(event).toMatchObject({ action: "rules.draft_discarded", actor_id: manager.id });
    expect(JSON.parse(event!.before!)).toMatchObject({ version, changedCategories: ["rumour"] });
    expect(startDraft(db, who).version).toBe(version);
  });
});

describe("diffVersions", () => {
  it("lists exactly the categories and fields that changed, old and new side by side", () => {
    const from = publishedRulebook(db)!.version.version;
    const { version } = startDraft(db, who);
    const previousRumour = publishedRulebook(db)!.rules.find((r) => r.category === "rumour")!.ladder[0];
    updateDraftRule(db, who, shorterRumourWarning(version, 10));
    updateDraftRule(db, who, { ...defaultRule("illegal_trade"), version, domainBlockThreshold: 5, reasonZh: "该网页可能在买卖违禁商品或服务。" });
    updateDraftRule(db, who, { ...defaultRule("risky_source"), version, allowsDomainBlock: true });
    // A draft compares only for those who may see drafts.
    expect(diffVersions(db, from, version)).toEqual({ ok: false, missing: [version] });
    publishDraft(db, who, { version, summary: "Three rules changed" });

    const diff = diffVersions(db, from, version);
    if (!diff.ok) throw new Error("expected a diff");
    expect(diff.from).toMatchObject({ version: from, status: "published" });
    expect(diff.to).toMatchObject({ version, status: "published", summary: "Three rules changed" });
    expect(diff.repeatWindowChanged).toBe(false);
    expect(diff.categories.map((c) => [c.category, c.fields])).toEqual([
      ["illegal_trade", ["domainBlockThreshold", "reasonZh"]],
      ["rumour", ["ladder"]],
      ["risky_source", ["allowsDomainBlock"]],
    ]);
    const rumour = diff.categories.find((c) => c.category === "rumour")!;
    expect(rumour.from!.ladder[0]).toEqual(previousRumour);
    expect(rumour.to!.ladder[0]).toEqual({ level: "L1", durationHours: 240 });

    // Reversed, the same categories with old and new swapped; a version against itself, none.
    const back = diffVersions(db, version, from);
    expect(back.ok && back.categories.map((c) => c.category)).toEqual(["illegal_trade", "rumour", "risky_source"]);
    expect(back.ok && back.categories[1]!.from!.ladder[0]!.durationHours).toBe(240);
    expect(diffVersions(db, version, version)).toMatchObject({ ok: true, categories: [] });
    expect(diffVersions(db, from, 404)).toEqual({ ok: false, missing: [404] });
    expect(diffVersions(db, 404, 405)).toEqual({ ok: false, missing: [404, 405] });
  });
});
