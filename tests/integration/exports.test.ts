// The exports over real HTTP: a 100,000-row decision log streamed from SQLite through a node:http
// server, parsed back and compared with the database row for row; the SHA-256 of the bytes received
// equals the manifest's; refusals are audited; bad queries get 400 with a message.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionExportQuery } from "@/lib/audit/decision-log";
import { eventExportQuery } from "@/lib/audit/event-search";
import { recordAudit } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { parseCsv, unneutralise } from "@/lib/exports/csv";
import { handleExport } from "@/lib/exports/export";
import { handleManifest } from "@/lib/exports/manifest";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const ROWS = 100_000;

let auditor: Actor;
let manager: Actor;
let moderator: Actor;
let server: http.Server;
let base: string;
/** Who the test server treats as signed in (the session part is covered by the e2e tests). */
let signedIn: Actor | null = null;

function seedDecisions(n: number, deciderId: number) {
  const at = (i: number) => new Date(Date.parse("2026-01-01T00:00:00.000Z") + i * 60_000).toISOString();
  sqlite.transaction(() => {
    sqlite.prepare("insert into platforms (id, slug, name, name_zh, kind, is_independent, created_at) values (1, 'shop-a', 'Shop A', '商店甲', 'shop', 0, ?), (2, 'indie', 'Independent sites', '独立网站', 'independent', 1, ?)").run(at(0), at(0));
    sqlite.prepare("insert into rule_versions (id, version, status, summary, created_at, published_at) values (1, 1, 'published', 'v1', ?, ?)").run(at(0), at(0));
    const link = sqlite.prepare("insert into links (id, canonical_url, url_hash, host, registrable_domain, platform_id, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?)");
    const kase = sqlite.prepare("insert into cases (id, link_id, status, claimed_category, opened_at, last_report_at, decided_at) values (?, ?, 'decided', 'fraud_scam', ?, ?, ?)");
    const decision = sqlite.prepare(
      `insert into decisions (id, case_id, case_version, decider_id, outcome, category, principle, severity, level, duration_hours,
         rule_version_id, offence_number, rationale, public_note, created_at, reversed_at, reversal_kind, reversed_by, reversal_reason)
       values (?, ?, 1, ?, ?, ?, 'P1', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const notice = sqlite.prepare("insert into rectification_notices (platform_id, case_id, decision_id, sent_at, deadline_at, answered_at) values (1, ?, ?, ?, ?, ?)");
    // Text that exercises the CSV: commas, quotes, newlines, Chinese, formula starts.
    const rationales = ["plain", "comma, here", 'say "hi"', "line one\nline two", "中文理由：诈骗页面", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", null];
    for (let i = 1; i <= n; i += 1) {
      const violation = i % 3 !== 0;
      link.run(i, `https://shop${i % 50}.example/p/${i}`, createHash("sha256").update(String(i)).digest("hex"), `shop${i % 50}.example`, `shop${i % 50}.example`, i % 4 === 0 ? 2 : 1, at(i), at(i));
      kase.run(i, i, at(i), at(i), at(i));
      const reversed = i % 97 === 0;
      decision.run(
        i, i, deciderId, violation ? "violation" : "no_violation", violation ? "fraud_scam" : null, violation ? "critical" : null,
        violation ? "L3" : "L0", violation && i % 2 ? 24 : null, violation ? 1 : null, rationales[i % rationales.length], i % 5 ? null : "公开说明",
        at(i), reversed ? at(i + 5) : null, reversed ? "reversal" : null, reversed ? deciderId : null, reversed ? "wrong, sorry" : null,
      );
      if (violation && i % 4 !== 0) notice.run(i, i, at(i), at(i + 24 * 60), i % 2 ? at(i + 60) : null);
    }
  })();
}

const exportRequest = (path: string) => new Request(`http://local${path}`, { headers: { "x-request-id": "test-request" } });

beforeAll(async () => {
  auditor = await makeStaff("auditor");
  manager = await makeStaff("manager");
  moderator = await makeStaff("moderator");
  seedDecisions(ROWS, moderator.id);
  db.transaction((tx) => recordAudit(tx, { actorId: moderator.id, action: "test.seeded", targetType: "thing", after: { rows: ROWS } }), { behavior: "immediate" });
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    const actor = signedIn && loadActor(signedIn.id);
    const response = url.pathname.startsWith("/api/export/manifests/")
      ? handleManifest(url.pathname.split("/").pop()!, exportRequest(url.pathname), actor ?? null)
      : handleExport(url.pathname.endsWith("/events") ? "events" : "decisions", exportRequest(url.pathname + url.search), actor ?? null);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as never).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function download(path: string, as: Actor | null) {
  signedIn = as;
  const response = await fetch(base + path);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, text: bytes.toString("utf8") };
}

const lastEvent = () => sqlite.prepare("select * from audit_events order by seq desc limit 1").get() as { action: string; actor_id: number; after: string; target_id: string };

/** The database's rows as the CSV shows them: numbers as text, null as "". */
function dbRowsAsText(sql: string, params: unknown[]): string[][] {
  return (sqlite.prepare(sql).raw(true).all(...params) as unknown[][]).map((r) => r.map((v) => (v === null ? "" : String(v))));
}

describe("GET /api/export/decisions over HTTP", () => {
  it("streams 100,000 rows equal to the database's, with a manifest whose SHA-256 matches the bytes", async () => {
    const { response, bytes, text } = await download("/api/export/decisions?format=csv", auditor);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="linkdesk-decisions-all.csv"');
    expect(response.headers.get("x-export-rows")).toBe(String(ROWS));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.endsWith("\r\n")).toBe(true);

    const [header, ...rows] = parseCsv(text);
    expect(header).toContain("registrable_domain");
    expect(rows).toHaveLength(ROWS);
    const q = decisionExportQuery({});
    const expected = dbRowsAsText(q.sql, q.params);
    expect(rows.map((r) => r.map(unneutralise))).toEqual(expected);
    // Formula starts are neutralised in the file itself.
    const rationale = header!.indexOf("rationale");
    const shown = new Set(rows.map((r) => r[rationale]));
    for (const cell of ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR", "中文理由：诈骗页面", "line one\nline two"]) expect(shown).toContain(cell);

    const event = lastEvent();
    expect(event).toMatchObject({ action: "export.created", actor_id: auditor.id, target_id: response.headers.get("x-export-id") });
    const manifestResponse = await download(response.headers.get("x-export-manifest")!, auditor);
    expect(manifestResponse.response.status).toBe(200);
    const manifest = JSON.parse(manifestResponse.text);
    expect(manifest).toMatchObject({ kind: "decisions", format: "csv", rows: ROWS, bytes: bytes.length, filters: {} });
    expect(manifest.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const head = sqlite.prepare("select seq, hash from audit_events where action = 'test.seeded'").get() as { seq: number; hash: string };
    expect(manifest.chainHead).toEqual(head);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  }, 120_000);

  it("NDJSON with filters: the rows of one platform and month, as typed values", async () => {
    const { response, text } = await download("/api/export/decisions?format=ndjson&platform=indie&from=2026-01-10&to=2026-01-31&outcome=violation", manager);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="linkdesk-decisions-2026-01-10_to_2026-01-31.ndjson"');
    const rows = text.trimEnd().split("\n").map((line) => JSON.parse(line));
    const q = decisionExportQuery({ platform: "indie", from: "2026-01-10", to: "2026-01-31", outcome: "violation" });
    expect(rows).toEqual(sqlite.prepare(q.sql).all(...q.params));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.platform_slug === "indie" && r.decided_at >= "2026-01-10" && r.decided_at < "2026-02-01")).toBe(true);
    const manifest = JSON.parse(lastEvent().after);
    expect(manifest).toMatchObject({ rows: rows.length, filters: { platform: "indie", from: "2026-01-10", to: "2026-01-31", outcome: "violation" } });
  });

  it("reads one snapshot on its own connection: the shared connection stays usable, later rows are not included", async () => {
    const response = handleExport("decisions", exportRequest("/api/export/decisions?format=ndjson&to=2026-01-01"), auditor, { chunkBytes: 1024 });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // While the export's iterator is open, others write through the shared connection.
    db.transaction((tx) => recordAudit(tx, { actorId: null, action: "test.during_export", targetType: "thing" }), { behavior: "immediate" });
    sqlite.prepare("insert into cases (id, link_id, status, claimed_category, opened_at, last_report_at) values (?, 1, 'closed', 'fraud_scam', ?, ?)").run(ROWS + 1, "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
    sqlite.prepare("insert into decisions (case_id, case_version, decider_id, outcome, level, rule_version_id, created_at) values (?, 1, ?, 'no_violation', 'L0', 1, '2026-01-01T00:00:00.000Z')").run(ROWS + 1, moderator.id);
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      text += new TextDecoder().decode(next.value);
    }
    const expectedBefore = 24 * 60 - 1; // minutes 1..1439 of 2026-01-01, the later insert not among them
    expect(text.trimEnd().split("\n")).toHaveLength(expectedBefore);
    expect(response.headers.get("x-export-rows")).toBe(String(expectedBefore));
    expect(JSON.parse(lastEvent().after).rows).toBe(expectedBefore);
  });
});

describe("GET /api/export/events", () => {
  it("exports the chain itself, verifiable from the file alone", async () => {
    const { response, text } = await download("/api/export/events?format=csv", auditor);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(text);
    const q = eventExportQuery({});
    const expected = dbRowsAsText(q.sql, q.params);
    // The export's own event follows the snapshot it read.
    expect(expected.at(-1)![4]).toBe("export.created");
    expect(rows.map((r) => r.map(unneutralise))).toEqual(expected.slice(0, -1));
    expect(header).toEqual(expect.arrayContaining(["seq", "prev_hash", "hash", "before", "after"]));
  });

  it("managers export decisions but are refused events: 403, and the refusal is audited", async () => {
    const before = sqlite.prepare("select count(*) as n from audit_events").get() as { n: number };
    const { response, text } = await download("/api/export/events?format=csv&actor=1", manager);
    expect(response.status).toBe(403);
    expect(text).toMatch(/may not export events/);
    expect((sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n).toBe(before.n + 1);
    const event = lastEvent();
    expect(event).toMatchObject({ action: "export.refused", actor_id: manager.id, target_id: "events" });
    expect(JSON.parse(event.after)).toMatchObject({ permission: "exports.events", role: "manager", query: "?format=csv&actor=1" });
  });

  it("moderators are refused both; signed-out callers get 401", async () => {
    expect((await download("/api/export/decisions", moderator)).response.status).toBe(403);
    expect(lastEvent()).toMatchObject({ action: "export.refused", actor_id: moderator.id });
    const count = (sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
    expect((await download("/api/export/decisions", null)).response.status).toBe(401);
    expect((sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n).toBe(count);
  });
});

describe("bad queries get 400 with a message and write nothing", () => {
  const cases: [string, RegExp][] = [
    ["/api/export/decisions?format=xlsx", /"format" must be csv or ndjson/],
    ["/api/export/decisions?colour=red", /unknown filter "colour"/],
    ["/api/export/decisions?from=2026-02-30", /"from" must be a day/],
    ["/api/export/decisions?from=2026-03-01&to=2026-02-01", /the range is reversed/],
    ["/api/export/decisions?level=L9", /"level" must be one of/],
    ["/api/export/decisions?decider=abc", /"decider" must be a positive whole number/],
    ["/api/export/decisions?format=csv&format=ndjson", /"format" is given more than once/],
    ["/api/export/events?target=case:", /"target" must be a type or type:id/],
    ["/api/export/events?actor=someone", /"actor" must be/],
    ["/api/export/events?platform=shop-a", /unknown filter "platform"/],
  ];
  it.each(cases)("%s", async (path, message) => {
    const count = (sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
    const { response, text } = await download(path, auditor);
    expect(response.status).toBe(400);
    expect(text).toMatch(message);
    expect((sqlite.prepare("select count(*) as n from audit_events").get() as { n: number }).n).toBe(count);
  });
});
