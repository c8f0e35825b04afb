// Complaint intake: one function for the client API and the portal. The link is canonicalized and
// attributed, then the link, its raw variant, the case and the report are written with their audit
// events in one transaction: a failure leaves no partial report, link or case.
//
// `fileReports` files several complaints in one write transaction (group commit, used by the client
// API): each complaint in its own savepoint, so one that fails rolls back only itself, and one commit
// (one fsync) for all. Nothing is acknowledged before that commit. The hot path runs on statements
// prepared once per connection (docs/performance.md "Complaint intake").
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { type Scene, type Severity, cases, decisions, linkVariants, links, platforms, reports } from "@/db/schema";
import { type AuditAppender, type Tx, auditAppender } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { canonicalize, type CanonicalLink } from "@/lib/links/canonicalize";
import { type Attribution, attribute } from "@/lib/platforms/attribution";
import { domainIndex } from "@/lib/platforms/domain-index";
import { type CategoryCode, categoryByCode } from "@/lib/rules/categories";
import { markPriorityStale } from "@/lib/queue/refresh-priority";
import { DAY_MS } from "@/lib/time/now";
import { AFTER_DECISION_DAYS, type Grouping, groupReport } from "./case-grouping";
import { type ReportView, reportView } from "./report-view";
import { linkFromPasted } from "./pasted-link";
import { newTrackingCode } from "./tracking-code";

export type NewReport = {
  /** The link as pasted, or share text with the link in it (kept as the report's raw input). */
  url: string;
  /** With several links in share text: the one meant (the portal asks; the API files the first). */
  chosenUrl?: string | null;
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
export type FiledReport = {
  outcome: "created" | "replayed" | "duplicate";
  report: ReportView;
  /** Set when the link was taken out of share text: which link, and how many the text held. */
  shareText: { filedUrl: string; linksFound: number } | null;
};

/** A complaint that passed the checks that need no database: canonical link, attribution, category. */
type Checked = {
  input: NewReport;
  /** The link as written in what was pasted (the raw variant of the link). */
  linkText: string;
  shareText: FiledReport["shareText"];
  link: CanonicalLink;
  attribution: Attribution;
  severity: Severity;
  now: string;
  requestId: string | null;
};

type FileOptions = { now?: Date; requestId?: string | null };

/** What the writes of one complaint run with: the connection, its transaction, the audit chain. */
type Writer = { db: Db; tx: Tx; audit: AuditAppender };

export function fileReport(db: Db, input: NewReport, options: FileOptions = {}): FiledReport {
  const checked = check(db, input, options);
  return db.transaction((tx) => write({ db, tx, audit: auditAppender(db) }, checked), { behavior: "immediate" });
}

export type BatchedReport = { input: NewReport; options?: FileOptions };
export type BatchOutcome = { ok: true; filed: FiledReport } | { ok: false; error: unknown };

/**
 * Files complaints in order, as `fileReport` would one after another, but in ONE write transaction
 * (`BEGIN IMMEDIATE` … `COMMIT`) with a savepoint per complaint: a complaint that fails (bad input,
 * a constraint) rolls back only its own writes and gets its error; the others commit together. If
 * the commit itself fails, every complaint gets that error: none was written. Never throws.
 */
export function fileReports(db: Db, batch: readonly BatchedReport[]): BatchOutcome[] {
  const outcomes: BatchOutcome[] = new Array(batch.length);
  const toWrite: [number, Checked][] = [];
  batch.forEach(({ input, options }, i) => {
    try {
      toWrite.push([i, check(db, input, options ?? {})]);
    } catch (error) {
      outcomes[i] = { ok: false, error };
    }
  });
  if (toWrite.length === 0) return outcomes;
  try {
    db.transaction(
      (tx) => {
        const writer: Writer = { db, tx, audit: auditAppender(db) };
        const inSavepoint = statements(db).inSavepoint;
        for (const [i, checked] of toWrite) {
          try {
            outcomes[i] = { ok: true, filed: inSavepoint(() => write(writer, checked)) };
          } catch (error) {
            // An error SQLite answers by rolling back the whole transaction (disk full, I/O) must not
            // let the next complaints run outside it, committed one by one: fail the batch.
            if (!db.$client.inTransaction) throw error;
            writer.audit.forget(); // the rollback to the savepoint took this complaint's events with it
            outcomes[i] = { ok: false, error };
          }
        }
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    for (const [i] of toWrite) outcomes[i] = { ok: false, error };
  }
  return outcomes;
}

function check(db: Db, input: NewReport, options: FileOptions): Checked {
  const pasted = linkFromPasted(input.url, { chosen: input.chosenUrl, askWhenSeveral: input.source === "portal" });
  const canonical = canonicalize(pasted.url);
  if (!canonical.ok) {
    throw new ActionError("invalid", canonical.message, { url: [`validation.url.${canonical.reason}`] });
  }
  const link = canonical.link;
  const attribution = attribute(domainIndex(db), link.host, link.registrableDomain);
  const category = categoryByCode(input.category);
  if (!category) throw new ActionError("invalid", "Unknown category", { category: ["validation.category"] });
  const now = (options.now ?? new Date()).toISOString();
  const shareText = pasted.shareText && { filedUrl: pasted.url, linksFound: pasted.shareText.linksFound };
  return { input, linkText: pasted.url, shareText, link, attribution, severity: category.severity, now, requestId: options.requestId ?? null };
}

/** The writes of one complaint, inside the caller's write transaction (or savepoint). */
function write(writer: Writer, checked: Checked): FiledReport {
  const { shareText } = checked;
  return { ...writeReport(writer, checked), shareText };
}

function writeReport(writer: Writer, { input, linkText, shareText, link, attribution, severity, now, requestId }: Checked): Omit<FiledReport, "shareText"> {
  const { db, tx, audit } = writer;
  const q = statements(db);
  if (input.apiClientId && input.idempotencyKey) {
    const replay = q.replay.get({ apiClientId: input.apiClientId, idempotencyKey: input.idempotencyKey });
    if (replay) return { outcome: "replayed" as const, report: reportView(tx, replay.id)! };
  }

  const existingLink = q.linkByUrl.get({ canonicalUrl: link.canonicalUrl });
  if (existingLink) {
    const earlier = q.earlier.get({ reporterHash: input.reporterHash, linkId: existingLink.id });
    if (earlier) return { outcome: "duplicate" as const, report: reportView(tx, earlier.id)! };
  }

  const linkId = existingLink
    ? touchLink(db, existingLink.id, now)
    : insertLink(writer, link, attribution.platformId, attribution.isShortLink, now, requestId);
  q.insertVariant.run({ linkId, rawUrl: linkText.trim(), strippedParams: link.strippedParams, firstSeenAt: now });

  // A link created just now has no case yet: nothing to look up.
  const facts = existingLink
    ? groupingFacts(writer, linkId, input.reporterHash, severity, now)
    : { openCaseId: null, openCase: null, recentlyDecided: null, claimedSeverity: severity };
  const grouping = groupReport(facts);
  const caseId = applyGrouping(writer, grouping, { linkId, claimedCategory: input.category, now, requestId });

  const { id: reportId, trackingCode } = insertReport(db, {
    ...input,
    linkId,
    caseId,
    afterDecision: grouping.kind === "after_decision",
    createdAt: now,
  });
  markPriorityStale(caseId); // scored by the refresher, off the intake path (lib/queue/refresh-priority.ts)
  audit.append({
    actorId: null,
    action: "report.created",
    targetType: "report",
    targetId: reportId,
    after: {
      caseId,
      linkId,
      category: input.category,
      scene: input.scene,
      source: input.source,
      grouping: grouping.kind,
      ...(shareText ? { shareTextLinks: shareText.linksFound } : {}),
    },
    requestId,
    at: now,
  });

  // A new case, or an open one: everything the reporter sees is known, so it is not read back.
  // After a decision the outcome comes from the decision: read it back.
  if (grouping.kind !== "new_case" && grouping.kind !== "join_open") {
    return { outcome: "created" as const, report: reportView(tx, reportId)! };
  }
  const linkFacts = existingLink ?? { registrableDomain: link.registrableDomain, platformId: attribution.platformId };
  const platform = linkFacts.platformId === null ? undefined : q.platform.get({ id: linkFacts.platformId });
  const inReview = grouping.kind === "join_open" && (facts.openCase!.status === "escalated" || facts.openCase!.assigneeId !== null);
  return {
    outcome: "created" as const,
    report: {
      id: reportId,
      trackingCode,
      caseId,
      apiClientId: input.apiClientId ?? null,
      canonicalUrl: link.canonicalUrl,
      registrableDomain: linkFacts.registrableDomain,
      platform: platform && !platform.isIndependent ? { id: platform.id, name: platform.name, nameZh: platform.nameZh } : null,
      category: input.category,
      scene: input.scene,
      status: inReview ? "in_review" : "received",
      filedAt: now,
      outcome: null,
    },
  };
}

/** The hot path's statements, prepared once per SQLite connection (they hold no state between calls). */
const preparedStatements = new WeakMap<object, ReturnType<typeof prepareStatements>>();

function statements(db: Db) {
  let prepared = preparedStatements.get(db.$client);
  if (!prepared) {
    prepared = prepareStatements(db);
    preparedStatements.set(db.$client, prepared);
  }
  return prepared;
}

function prepareStatements(db: Db) {
  const p = sql.placeholder;
  return {
    // Called inside the batch's transaction, better-sqlite3 runs this in a savepoint (released on
    // success, rolled back to on a throw).
    inSavepoint: db.$client.transaction((run: () => FiledReport) => run()),
    replay: db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.apiClientId, p("apiClientId")), eq(reports.idempotencyKey, p("idempotencyKey"))))
      .prepare(),
    linkByUrl: db
      .select({ id: links.id, registrableDomain: links.registrableDomain, platformId: links.platformId })
      .from(links)
      .where(eq(links.canonicalUrl, p("canonicalUrl")))
      .prepare(),
    earlier: db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.reporterHash, p("reporterHash")), eq(reports.linkId, p("linkId"))))
      .prepare(),
    touchLink: db.update(links).set({ lastSeenAt: sql`${p("now")}` }).where(eq(links.id, p("linkId"))).prepare(),
    insertLink: db
      .insert(links)
      .values({
        canonicalUrl: p("canonicalUrl"),
        urlHash: p("urlHash"),
        host: p("host"),
        registrableDomain: p("registrableDomain"),
        platformId: p("platformId"),
        isShortLink: p("isShortLink"),
        isIpLiteral: p("isIpLiteral"),
        isMixedScript: p("isMixedScript"),
        firstSeenAt: p("now"),
        lastSeenAt: p("now"),
      })
      .returning({ id: links.id })
      .prepare(),
    insertVariant: db
      .insert(linkVariants)
      .values({ linkId: p("linkId"), rawUrl: p("rawUrl"), strippedParams: p("strippedParams"), firstSeenAt: p("firstSeenAt") })
      .onConflictDoNothing()
      .prepare(),
    openCase: db
      .select({ id: cases.id, status: cases.status, assigneeId: cases.assigneeId })
      .from(cases)
      .where(and(eq(cases.linkId, p("linkId")), inArray(cases.status, ["open", "escalated"])))
      .prepare(),
    joinCase: db
      .update(cases)
      .set({ reportCount: sql`${cases.reportCount} + 1`, lastReportAt: sql`${p("now")}` })
      .where(eq(cases.id, p("caseId")))
      .prepare(),
    insertCase: db
      .insert(cases)
      .values({ linkId: p("linkId"), claimedCategory: p("claimedCategory"), reportCount: 1, openedAt: p("now"), lastReportAt: p("now") })
      .returning({ id: cases.id })
      .prepare(),
    insertReport: db
      .insert(reports)
      .values({
        trackingCode: p("trackingCode"),
        linkId: p("linkId"),
        caseId: p("caseId"),
        rawUrl: p("rawUrl"),
        category: p("category"),
        scene: p("scene"),
        description: p("description"),
        reporterHash: p("reporterHash"),
        source: p("source"),
        apiClientId: p("apiClientId"),
        idempotencyKey: p("idempotencyKey"),
        afterDecision: p("afterDecision"),
        createdAt: p("createdAt"),
      })
      .returning({ id: reports.id })
      .prepare(),
    platform: db
      .select({ id: platforms.id, name: platforms.name, nameZh: platforms.nameZh, isIndependent: platforms.isIndependent })
      .from(platforms)
      .where(eq(platforms.id, p("id")))
      .prepare(),
  };
}

function insertLink(
  { db, audit }: Writer,
  link: CanonicalLink,
  platformId: number,
  isShortLink: boolean,
  now: string,
  requestId: string | null,
) {
  const created = statements(db).insertLink.get({
    canonicalUrl: link.canonicalUrl,
    urlHash: link.urlHash,
    host: link.host,
    registrableDomain: link.registrableDomain,
    platformId,
    isShortLink,
    isIpLiteral: link.isIpLiteral,
    isMixedScript: link.isMixedScript,
    now,
  })!;
  audit.append({
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

function touchLink(db: Db, linkId: number, now: string) {
  statements(db).touchLink.run({ linkId, now });
  return linkId;
}

function groupingFacts({ db, tx }: Writer, linkId: number, reporter: string, claimedSeverity: Severity, now: string) {
  const open = statements(db).openCase.get({ linkId });
  if (open) return { openCaseId: open.id, openCase: open, recentlyDecided: null, claimedSeverity };

  const since = new Date(Date.parse(now) - AFTER_DECISION_DAYS * DAY_MS).toISOString();
  const decided = tx
    .select({ id: cases.id, decidedAt: cases.decidedAt, claimedCategory: cases.claimedCategory })
    .from(cases)
    .where(and(eq(cases.linkId, linkId), inArray(cases.status, ["decided", "closed"]), gte(cases.decidedAt, since)))
    .orderBy(desc(cases.decidedAt))
    .limit(1)
    .get();
  if (!decided?.decidedAt) return { openCaseId: null, openCase: null, recentlyDecided: null, claimedSeverity };

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
    openCase: null,
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
  { db, tx, audit }: Writer,
  grouping: Grouping,
  facts: { linkId: number; claimedCategory: CategoryCode; now: string; requestId: string | null },
): number {
  const { now, requestId } = facts;
  switch (grouping.kind) {
    case "join_open":
    case "after_decision":
      statements(db).joinCase.run({ caseId: grouping.caseId, now });
      return grouping.caseId;
    case "reopen":
      tx.update(cases)
        .set({ status: "open", reopenedAt: now, version: sql`${cases.version} + 1`, reportCount: sql`${cases.reportCount} + 1`, lastReportAt: now })
        .where(eq(cases.id, grouping.caseId))
        .run();
      audit.append({
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
      const created = statements(db).insertCase.get({ linkId: facts.linkId, claimedCategory: facts.claimedCategory, now })!;
      audit.append({
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
  db: Db,
  values: NewReport & { linkId: number; caseId: number; afterDecision: boolean; createdAt: string },
): { id: number; trackingCode: string } {
  const row = {
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
  };
  // A tracking-code collision (1 in 10^12) is retried rather than failing the complaint.
  for (let attempt = 0; ; attempt += 1) {
    const trackingCode = newTrackingCode();
    try {
      return { id: statements(db).insertReport.get({ ...row, trackingCode })!.id, trackingCode };
    } catch (error) {
      const collided = error instanceof Error && /UNIQUE constraint failed: reports\.tracking_code/.test(error.message);
      if (!collided || attempt >= 3) throw error;
    }
  }
}
