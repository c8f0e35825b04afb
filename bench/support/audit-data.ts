// The cached audit-chain dataset of bench/audit-verify.ts (bench/data/audit-<events>.db): the real
// schema and migrations, and <events> events appended through lib/audit/record.ts's auditAppender
// (the hot-path form of recordAudit: same encoding, same hashes, same chain), in large immediate
// transactions. The events look like the trail a busy install writes: complaints received, cases
// claimed, decisions with their rationale, verdicts, notices, sign-ins.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { auditAppender } from "@/lib/audit/record";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";

function usable(sqlite: Database.Database, events: number): boolean {
  try {
    const head = (sqlite.prepare("select max(seq) as n, count(*) as c from audit_events").get() as { n: number; c: number });
    return head.n === events && head.c === events;
  } catch {
    return false;
  }
}

const BATCH = 50_000;

/** Makes sure bench/data/audit-<events>.db exists and is current; returns its path. */
export function auditDataset(events: number): string {
  const file = path.resolve(`bench/data/audit-${events}.db`);
  if (fs.existsSync(file)) {
    const sqlite = openSqlite(file);
    // A dataset from before a newer migration gets it, as a real install would.
    const ok = usable(sqlite, events);
    if (ok) {
      applyMigrations(wrap(sqlite));
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    }
    sqlite.close();
    if (ok) return file;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  }
  const t0 = performance.now();
  const sqlite = openSqlite(file);
  sqlite.pragma("synchronous = OFF"); // building only
  const db = wrap(sqlite);
  applyMigrations(db);
  const staff = sqlite.prepare("insert into users (id, email, name, role, password_hash, created_at, updated_at) values (?, ?, ?, 'moderator', 'x', ?, ?)");
  for (let id = 1; id <= 40; id += 1) staff.run(id, `m${id}@bench`, `Moderator ${id}`, "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z");
  const start = Date.parse("2025-01-01T00:00:00.000Z");
  for (let from = 1; from <= events; from += BATCH) {
    db.transaction(
      () => {
        const audit = auditAppender(db);
        for (let i = from; i < Math.min(from + BATCH, events + 1); i += 1) audit.append(sampleEvent(i, new Date(start + i * 2_000).toISOString()));
      },
      { behavior: "immediate" },
    );
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  console.error(`built a chain of ${events} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

const requestId = (i: number) => `req-${(i * 2654435761) % 2 ** 32}-${i.toString(36)}`;

function sampleEvent(i: number, at: string) {
  const actorId = 1 + (i % 40);
  switch (i % 10) {
    case 0:
      return {
        actorId, action: "decision.created", targetType: "decision", targetId: i, at, requestId: requestId(i),
        after: {
          caseId: i, outcome: "violation", category: "fraud_scam", principle: "P1", severity: "critical", level: "L3", durationHours: null,
          ruleVersion: 3, rationale: "假红包页面，索要银行卡信息；the page asks for card numbers and a one-time code", offenceNumber: 1 + (i % 4),
        },
      };
    case 1:
      return { actorId, action: "case.claimed", targetType: "case", targetId: i, at, requestId: requestId(i), before: { claimedBy: null }, after: { claimedBy: actorId, until: at } };
    case 2:
      return {
        actorId: null, action: "verdict.changed", targetType: "link", targetId: i, at,
        before: { verdict: "unknown" }, after: { verdict: "block", level: "L3", until: null, decisionId: i - 2, url: `https://shop${i % 977}.example/item/${i}` },
      };
    case 3:
      return {
        actorId, action: "notice.sent", targetType: "rectification_notice", targetId: i, at, requestId: requestId(i),
        after: { platformId: 1 + (i % 50), caseId: i, deadlineAt: at, decisionId: i - 3 },
      };
    case 4:
      return { actorId, action: "auth.signed_in", targetType: "user", targetId: actorId, at, requestId: requestId(i) };
    default:
      return {
        actorId: null, action: "report.received", targetType: "report", targetId: i, at, requestId: requestId(i),
        after: {
          caseId: Math.floor(i / 3), clientId: 1 + (i % 7), category: "fraud_scam", url: `https://s${i % 1000}.example/p/${i}?ref=share`,
          reporterHash: (i * 2654435761).toString(16).padStart(16, "0"), description: "诈骗链接 scam link, asks for a deposit first",
        },
      };
  }
}
