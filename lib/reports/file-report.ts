// Complaint intake: one function for the client API and the portal. The link is canonicalized and
// attributed, then the link, its raw variant, the case and the report are written with their audit
// events in one transaction: a failure leaves no partial report, link or case.
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { type Scene, cases, decisions, linkVariants, links, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { canonicalize, type CanonicalLink } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex } from "@/lib/platforms/domain-index";
import { type CategoryCode, categoryByCode } from "@/lib/rules/categories";
import { DAY_MS } from "@/lib/time/now";
import { AFTER_DECISION_DAYS, type Grouping, groupReport } from "./case-grouping";
import { type ReportView, reportView } from "./report-view";
import { newTrackingCode } from "./tracking-code";

export type NewReport = {
  url: string;
  category: CategoryCode;
  scene: Scene;
  description?: string | null;
  reporterHash: string;
  source: "api" | "portal";
  apiClientId?: number | null;
  idempotencyKey?: string | null;
};

/**
 * `created`: a new report. `replayed`: a retried request (same client and Idempotency-Key) gets the
 * first answer. `duplicate`: this reporter already reported the link and gets that report back.
 */
export type FiledReport = { outcome: "created" | "replayed" | "duplicate"; report: ReportView };

export function fileReport(db: Db, input: NewReport, options: { now?: Date; requestId?: string | null } = {}): FiledReport {
  const canonical = canonicalize(input.url);
  if (!canonical.ok) {
    throw new ActionError("invalid", canonical.message, { url: [`validation.url.${canonical.reason}`] });
  }
  const link = canonical.link;
  const attribution = attribute(domainIndex(db), link.host, link.registrableDomain);
  const category = categoryByCode(input.category);
  if (!category) throw new ActionError("invalid", "Unknown category", { category: ["validation.category"] });
  const now = (options.now ?? new Date()).toISOString();
  const requestId = options.requestId ?? null;

  return db.transaction(
    (tx) => {
      if (input.apiClientId && input.idempotencyKey) {
        const replay = tx
          .select({ id: reports.id })
          .from(reports)
          .where(and(eq(reports.apiClientId, input.apiClientId), eq(reports.idempotencyKey, input.idempotencyKey)))
          .get();
        if (replay) return { outcome: "replayed" as const, report: reportView(tx, replay.id)! };
      }

      const existingLink = tx.select().from(links).where(eq(links.canonicalUrl, link.canonicalUrl)).get();
      if (existingLink) {
        const earlier = tx
          .select({ id: reports.id })
          .from(reports)
          .where(and(eq(reports.reporterHash, input.reporterHash), eq(reports.linkId, existingLink.id)))
          .get();
        if (earlier) return { outcome: "duplicate" as const, report: reportView(tx, earlier.id)! };
      }

      const linkId = existingLink
        ? touchLink(tx, existingLink.id, now)
        : insertLink(tx, link, attribution.platformId, attribution.isShortLink, now, requestId);
      tx.insert(linkVariants)
        .values({ linkId, rawUrl: input.url.trim(), strippedParams: link.strippedParams, firstSeenAt: now })
        .onConflictDoNothing()
        .run();

      const grouping = groupReport(groupingFacts(tx, linkId, input.reporterHash, category.severity, now));
      const caseId = applyGrouping(tx, grouping, { linkId, claimedCategory: input.category, now, requestId });

      const reportId = insertReport(tx, {
        ...input,
        linkId,
        caseId,
        afterDecision: grouping.kind === "after_decision",
        createdAt: now,
      });
      recordAudit(tx, {
        actorId: null,
        action: "report.created",
        targetType: "report",
        targetId: reportId,
        after: { caseId, linkId, category: input.category, scene: input.scene, source: input.source, grouping: grouping.kind },
        requestId,
        at: now,
      });
      return { outcome: "created" as const, report: reportView(tx, reportId)! };
    },
    { behavior: "immediate" },
  );
}

function insertLink(tx: Tx, link: CanonicalLink, platformId: number, isShortLink: boolean, now: string, requestId: string | null) {
  const created = tx
    .insert(links)
    .values({
      canonicalUrl: link.canonicalUrl,
      urlHash: link.urlHash,
      host: link.host,
      registrableDomain: link.registrableDomain,
      platformId,
      isShortLink,
      isIpLiteral: link.isIpLiteral,
      isMixedScript: link.isMixedScript,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .returning({ id: links.id })
    .get();
  recordAudit(tx, {
    actorId: null,
    action: "link.created",
    targetType: "link",
    targetId: created.id,
    after: { canonicalUrl: link.canonicalUrl, registrableDomain: link.registrableDomain, platformId },
    requestId,
    at: now,
  });
  return created.id;
}

function touchLink(tx: Tx, linkId: number, now: string) {
  tx.update(links).set({ lastSeenAt: now }).where(eq(links.id, linkId)).run();
  return linkId;
}

function groupingFacts(tx: Tx, linkId: number, reporter: string, claimedSeverity: ReturnType<typeof severityOf>, now: string) {
  const open = tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.linkId, linkId), inArray(cases.status, ["open", "escalated"])))
    .get();
  if (open) return { openCaseId: open.id, recentlyDecided: null, claimedSeverity };

  const since = new Date(Date.parse(now) - AFTER_DECISION_DAYS * DAY_MS).toISOString();
  const decided = tx
    .select({ id: cases.id, decidedAt: cases.decidedAt, claimedCategory: cases.claimedCategory })
    .from(cases)
    .where(and(eq(cases.linkId, linkId), inArray(cases.status, ["decided", "closed"]), gte(cases.decidedAt, since)))
    .orderBy(desc(cases.decidedAt))
    .limit(1)
    .get();
  if (!decided?.decidedAt) return { openCaseId: null, recentlyDecided: null, claimedSeverity };

  const decision = tx
    .select({ severity: decisions.severity, category: decisions.category })
    .from(decisions)
    .where(and(eq(decisions.caseId, decided.id), sql`${decisions.reversedAt} is null`))
    .orderBy(desc(decisions.id))
    .limit(1)
    .get();
  const reportersBefore = tx.get<{ n: number }>(
    sql`select count(distinct reporter_hash) as n from reports
         where case_id = ${decided.id} and after_decision = 1 and created_at >= ${decided.decidedAt}
           and reporter_hash <> ${reporter}`,
  ).n;
  return {
    openCaseId: null,
    recentlyDecided: {
      caseId: decided.id,
      decidedSeverity: decision?.severity ?? severityOf(decision?.category ?? decided.claimedCategory),
      reportersSinceDecision: reportersBefore + 1,
    },
    claimedSeverity,
  };
}

function severityOf(category: string | null) {
  return (category && categoryByCode(category)?.severity) || "low";
}

function applyGrouping(
  tx: Tx,
  grouping: Grouping,
  facts: { linkId: number; claimedCategory: CategoryCode; now: string; requestId: string | null },
): number {
  const { now, requestId } = facts;
  switch (grouping.kind) {
    case "join_open":
    case "after_decision":
      tx.update(cases)
        .set({ reportCount: sql`${cases.reportCount} + 1`, lastReportAt: now })
        .where(eq(cases.id, grouping.caseId))
        .run();
      return grouping.caseId;
    case "reopen":
      tx.update(cases)
        .set({ status: "open", reopenedAt: now, version: sql`${cases.version} + 1`, reportCount: sql`${cases.reportCount} + 1`, lastReportAt: now })
        .where(eq(cases.id, grouping.caseId))
        .run();
      recordAudit(tx, {
        actorId: null,
        action: "case.reopened",
        targetType: "case",
        targetId: grouping.caseId,
        before: { status: "decided" },
        after: { status: "open", because: grouping.because },
        requestId,
        at: now,
      });
      return grouping.caseId;
    case "new_case": {
      const created = tx
        .insert(cases)
        .values({ linkId: facts.linkId, claimedCategory: facts.claimedCategory, reportCount: 1, openedAt: now, lastReportAt: now })
        .returning({ id: cases.id })
        .get();
      recordAudit(tx, {
        actorId: null,
        action: "case.opened",
        targetType: "case",
        targetId: created.id,
        after: { linkId: facts.linkId, claimedCategory: facts.claimedCategory },
        requestId,
        at: now,
      });
      return created.id;
    }
  }
}

function insertReport(
  tx: Tx,
  values: NewReport & { linkId: number; caseId: number; afterDecision: boolean; createdAt: string },
): number {
  // A tracking-code collision (1 in 10^12) is retried rather than failing the complaint.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return tx
        .insert(reports)
        .values({
          trackingCode: newTrackingCode(),
          linkId: values.linkId,
          caseId: values.caseId,
          rawUrl: values.url.trim(),
          category: values.category,
          scene: values.scene,
          description: values.description?.trim() || null,
          reporterHash: values.reporterHash,
          source: values.source,
          apiClientId: values.apiClientId ?? null,
          idempotencyKey: values.idempotencyKey ?? null,
          afterDecision: values.afterDecision,
          createdAt: values.createdAt,
        })
        .returning({ id: reports.id })
        .get().id;
    } catch (error) {
      const collided = error instanceof Error && /UNIQUE constraint failed: reports\.tracking_code/.test(error.message);
      if (!collided || attempt >= 3) throw error;
    }
  }
}
