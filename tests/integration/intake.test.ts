// Complaint intake on a real SQLite file: canonical links, attribution, case grouping, duplicates,
// idempotency, and all-or-nothing writes.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { ActionError } from "@/lib/auth/action-result";
import { filePortalReport } from "@/lib/reports/actions/file-portal-report";
import { AFTER_DECISION_DAYS } from "@/lib/reports/case-grouping";
import { type NewReport, fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { databaseDump, testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

let reporters = 0;
function report(overrides: Partial<NewReport> = {}): NewReport {
  reporters += 1;
  return {
    url: "https://v.douyin.com/intake-test-1/",
    category: "fraud_scam",
    scene: "group",
    reporterHash: reporterHash(`intake-reporter-${reporters}`),
    source: "api",
    ...overrides,
  };
}

/** Marks a case decided as a moderator will (the decision workflow comes with the rulebook). */
function decide(caseId: number, category: string, decidedAt: Date) {
  const at = decidedAt.toISOString();
  const moderator = one<{ id: number }>("select id from users where role = 'moderator' limit 1").id;
  const ruleVersion = one<{ id: number }>("select id from rule_versions limit 1").id;
  const version = one<{ version: number }>("select version from cases where id = ?", caseId).version;
  sqlite
    .prepare(
      `insert into decisions (case_id, case_version, decider_id, outcome, category, level, rule_version_id, public_note, created_at)
       values (?, ?, ?, 'violation', ?, 'L1', ?, 'Handled after review.', ?)`,
    )
    .run(caseId, version, moderator, category, ruleVersion, at);
  sqlite.prepare("update cases set status = 'decided', decided_at = ? where id = ?").run(at, caseId);
}

beforeAll(async () => {
  await seedDemo(db, { now });
});

describe("filing a complaint", () => {
  it("canonicalizes and attributes the link, records the raw variant, opens a case and audits it all", () => {
    const raw = "  HTTPS://V.DOUYIN.COM/intake-test-1/?utm_source=wechat&u_code=abc ";
    const filed = fileReport(db, report({ url: raw }), { now, requestId: "r-1" });
    expect(filed.outcome).toBe("created");
    expect(filed.report).toMatchObject({
      canonicalUrl: "https://v.douyin.com/intake-test-1/",
      registrableDomain: "douyin.com",
      platform: { name: "Douyin" },
      status: "received",
    });
    expect(filed.report.trackingCode).toMatch(/^LD-[2-9A-HJ-NP-Z]{8}$/);
    const link = one<{ id: number; is_short_link: number; platform_id: number }>(
      "select id, is_short_link, platform_id from links where canonical_url = ?",
      filed.report.canonicalUrl,
    );
    expect(link.is_short_link).toBe(1);
    const variant = one<{ raw_url: string; stripped_params: string }>("select raw_url, stripped_params from link_variants where link_id = ?", link.id);
    expect(variant.raw_url).toBe(raw.trim());
    expect(JSON.parse(variant.stripped_params)).toEqual(["utm_source", "u_code"]);
    const actions = sqlite
      .prepare("select action from audit_events where request_id = 'r-1' order by seq")
      .all()
      .map((r) => (r as { action: string }).action);
    expect(actions).toEqual(["link.created", "case.opened", "report.created"]);
  });

  it("joins another reporter to the open case of the same canonical link", () => {
    const first = fileReport(db, report({ url: "https://v.douyin.com/intake-join/" }), { now });
    const second = fileReport(db, report({ url: "https://v.douyin.com/intake-join/?share_sign=xyz" }), { now });
    expect(second.outcome).toBe("created");
    expect(second.report.caseId).toBe(first.report.caseId);
    expect(one("select report_count from cases where id = ?", first.report.caseId)).toEqual({ report_count: 2 });
  });

  it("gives a reporter who already reported the link their earlier report, writing nothing", () => {
    const input = report({ url: "https://www.jd.com/item/duplicate.html" });
    const first = fileReport(db, input, { now });
    const before = databaseDump();
    const again = fileReport(db, { ...input, url: "https://www.jd.com/item/duplicate.html#again", category: "gambling" }, { now });
    expect(again).toEqual({ outcome: "duplicate", report: first.report, shareText: null });
    expect(databaseDump()).toBe(before);
  });

  it("answers a retried request with the same Idempotency-Key with the first answer", () => {
    const clientId = one<{ id: number }>("select id from api_clients limit 1").id;
    const input = report({ url: "https://retry.example.com/a", apiClientId: clientId, idempotencyKey: "retry-1" });
    const first = fileReport(db, input, { now });
    const before = databaseDump();
    const retry = fileReport(db, { ...input, reporterHash: reporterHash("someone-else") }, { now });
    expect(retry).toEqual({ outcome: "replayed", report: first.report, shareText: null });
    expect(databaseDump()).toBe(before);
  });

  it("says null platform for independent sites", () => {
    const filed = fileReport(db, report({ url: "http://hongbao-new-intake.top/claim" }), { now });
    expect(filed.report.platform).toBeNull();
    expect(filed.report.registrableDomain).toBe("hongbao-new-intake.top");
  });

  it("refuses links that are not web links, with a field error, and writes nothing", () => {
    const before = databaseDump();
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "", "x".repeat(3000), "http://exa mple.com/"]) {
      let error: unknown;
      try {
        fileReport(db, report({ url }), { now });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ActionError);
      expect((error as ActionError).fieldErrors?.url?.[0], url).toMatch(/^validation\.url\./);
    }
    expect(databaseDump()).toBe(before);
  });

  it("leaves no partial link, case or report when a write fails half-way", () => {
    sqlite.exec(`create trigger fail_gambling before insert on reports when new.category = 'gambling'
                 begin select raise(abort, 'simulated failure'); end;`);
    try {
      const before = databaseDump();
      expect(() => fileReport(db, report({ url: "https://half-way.example.com/x", category: "gambling" }), { now })).toThrow(/simulated failure/);
      expect(databaseDump()).toBe(before);
    } finally {
      sqlite.exec("drop trigger fail_gambling");
    }
  });
});

describe("reports on a recently decided link", () => {
  const later = new Date(now.getTime() + 3_600_000);

  it("join the decided case after decision, and three new reporters reopen it", () => {
    const url = "https://item.taobao.com/item.htm?id=4242";
    const first = fileReport(db, report({ url, category: "excessive_marketing" }), { now });
    decide(first.report.caseId, "excessive_marketing", now);

    const a = fileReport(db, report({ url, category: "excessive_marketing" }), { now: later });
    const b = fileReport(db, report({ url, category: "excessive_marketing" }), { now: later });
    expect(a.report.caseId).toBe(first.report.caseId);
    expect(b.report.status).toBe("decided");
    expect(one("select status from cases where id = ?", first.report.caseId)).toEqual({ status: "decided" });
    expect(count("select count(*) as n from reports where case_id = ? and after_decision = 1", first.report.caseId)).toBe(2);

    const c = fileReport(db, report({ url, category: "excessive_marketing" }), { now: later });
    expect(c.report.caseId).toBe(first.report.caseId);
    expect(one("select status, version from cases where id = ?", first.report.caseId)).toEqual({ status: "open", version: 2 });
    expect(one<{ after: string }>("select after from audit_events where action = 'case.reopened' and target_id = ?", String(first.report.caseId)).after).toContain("new_reporters");
  });

  it("reopen at once when the claimed category is more severe than the decided one", () => {
    const url = "https://mobile.yangkeduo.com/goods.html?goods_id=77";
    const first = fileReport(db, report({ url, category: "excessive_marketing" }), { now });
    decide(first.report.caseId, "excessive_marketing", now);
    const graver = fileReport(db, report({ url, category: "fraud_scam" }), { now: later });
    expect(graver.report.caseId).toBe(first.report.caseId);
    expect(one("select status from cases where id = ?", first.report.caseId)).toEqual({ status: "open" });
  });

  it(`open a new case once the decision is older than ${AFTER_DECISION_DAYS} days`, () => {
    const url = "https://www.zhihu.com/question/31415";
    const first = fileReport(db, report({ url, category: "rumour" }), { now });
    decide(first.report.caseId, "rumour", new Date(now.getTime() - (AFTER_DECISION_DAYS + 1) * 86_400_000));
    const fresh = fileReport(db, report({ url, category: "rumour" }), { now });
    expect(fresh.report.caseId).not.toBe(first.report.caseId);
    expect(fresh.report.status).toBe("received");
  });

  it("show the reporter the decision's outcome and public note", () => {
    const url = "https://weibo.com/1234/decided";
    const first = fileReport(db, report({ url, category: "rumour" }), { now });
    decide(first.report.caseId, "rumour", now);
    const view = fileReport(db, report({ url, category: "rumour" }), { now: later }).report;
    expect(view.outcome).toMatchObject({ outcome: "violation", publicNote: "Handled after review." });
  });
});

describe("the public portal", () => {
  it("files as the visitor, and limits how often one address may file", async () => {
    const origin = (i: number) => ({ ip: "203.0.113.50", visitorId: `portal-visitor-${i}-abcdefgh` });
    const limit = Number(process.env.PORTAL_REPORTS_PER_IP_PER_MINUTE ?? 5);
    for (let i = 0; i < limit; i += 1) {
      const result = await filePortalReport.run(null, { url: `https://portal-${i}.example.org/`, category: "gambling", scene: "moments", description: "" }, undefined, origin(i));
      expect(result, `complaint ${i}`).toMatchObject({ ok: true, data: { alreadyReported: false } });
    }
    const before = databaseDump();
    const over = await filePortalReport.run(null, { url: "https://portal-over.example.org/", category: "gambling", scene: "moments" }, undefined, origin(99));
    expect(over).toMatchObject({ ok: false, code: "rate_limited", message: "report.errors.rateLimited" });
    expect(databaseDump()).toBe(before);
    expect(count("select count(*) as n from reports where source = 'portal' and created_at >= ?", new Date(Date.now() - 60_000).toISOString())).toBe(limit);
  });
});
