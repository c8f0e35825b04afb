// Rectification notices for the e2e specs, made as production makes them: a moderator decides one
// of the demo queue's open cases on a platform's link a violation (lib/decisions/decide.ts), written
// into the running server's database file from the test process. SQLite's locking keeps the two
// processes' writes apart, and the audit chain is read inside each write transaction, so it stays
// intact. (Filing the complaint here too is not possible: Playwright's loader cannot import the
// canonicalizer's JSON data.)
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { openSqlite, wrap } from "@/lib/db/open";
import { createPlatform } from "@/lib/platforms/registry-admin";
import { e2eDatabaseFile } from "./paths";
import { demoLogins } from "./support";

/**
 * Decides the newest open case on a link of the platform `slug` that was reported before
 * `decidedAt` a violation at `decidedAt`; the notice it sends is due 24 h later (fraud is critical),
 * so a decision more than a day old leaves an overdue notice.
 */
export function noticeFor(slug: string, decidedAt = new Date()): { noticeId: number; caseId: number; url: string } {
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    const moderator = sqlite
      .prepare("select id, email, name, role, locale, time_zone as timeZone from users where email = ?")
      .get(demoLogins.moderator) as Actor;
    const open = sqlite
      .prepare(
        `select c.id, c.version, l.canonical_url as url from cases c
           join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
          where p.slug = ? and c.status = 'open' and c.last_report_at < ? and (c.lease_expires_at is null or c.lease_expires_at < ?)
          order by c.id desc limit 1`,
      )
      .get(slug, decidedAt.toISOString(), new Date().toISOString()) as { id: number; version: number; url: string } | undefined;
    if (!open) throw new Error(`the demo data has no open case on a ${slug} link reported before ${decidedAt.toISOString()}`);
    const decided = decideCase(
      wrap(sqlite),
      moderator,
      { caseId: open.id, caseVersion: open.version, outcome: "violation", category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake prize page asking for card details." },
      { now: decidedAt },
    );
    if (decided.noticeId === null) throw new Error(`no notice was sent for case ${open.id}`);
    return { noticeId: decided.noticeId, caseId: open.id, url: open.url };
  } finally {
    sqlite.close();
  }
}

export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

/** A new platform with no domains, so no notices: its id. */
export function platformWithoutNotices(slug: string): number {
  const sqlite = openSqlite(e2eDatabaseFile);
  try {
    return createPlatform(wrap(sqlite), { actorId: null }, { slug, name: `Quiet shop ${slug}`, nameZh: `安静商城 ${slug}`, kind: "shop" }).id;
  } finally {
    sqlite.close();
  }
}
