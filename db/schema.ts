// The whole Linkdesk domain (DESIGN.md), so later features extend it rather than reshape it.
// Times are UTC ISO-8601 strings ("2026-11-24T08:00:00.000Z"): they sort as text, read well in
// exports and move to PostgreSQL unchanged.
import { sql } from "drizzle-orm";
import type { StoredPriority } from "@/lib/queue/priority";
import {
  type AnySQLiteColumn,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () => text("created_at").notNull();

// ── Staff and clients ────────────────────────────────────────────────────────

export const roles = ["moderator", "senior", "manager", "auditor", "admin"] as const;
export type Role = (typeof roles)[number];

export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: roles }).notNull(),
  passwordHash: text("password_hash").notNull(),
  locale: text("locale", { enum: locales }).notNull().default("en"),
  timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
  disabledAt: text("disabled_at"),
  failedSignIns: integer("failed_sign_ins").notNull().default(0),
  lockedUntil: text("locked_until"),
  lastSignInAt: text("last_sign_in_at"),
  createdAt: createdAt(),
  updatedAt: text("updated_at").notNull(),
});

export const apiClients = sqliteTable("api_clients", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  // The key itself is shown once; only its SHA-256 is kept, and a prefix to recognise it by.
  keyPrefix: text("key_prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  requestsPerMinute: integer("requests_per_minute").notNull().default(600),
  // Set for a platform's own client: it may answer that platform's rectification notices.
  platformId: integer("platform_id").references((): AnySQLiteColumn => platforms.id),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: createdAt(),
  revokedAt: text("revoked_at"),
});

// ── Platforms and links ──────────────────────────────────────────────────────

export const platforms = sqliteTable("platforms", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  nameZh: text("name_zh").notNull(),
  kind: text("kind", { enum: ["shop", "video", "social", "service", "search", "independent"] }).notNull(),
  // The catch-all "independent sites" platform for domains no registered platform owns.
  isIndependent: integer("is_independent", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const platformDomains = sqliteTable(
  "platform_domains",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platformId: integer("platform_id").notNull().references(() => platforms.id),
    domain: text("domain").notNull().unique(),
    kind: text("kind", { enum: ["registrable", "short_link"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("platform_domains_platform_idx").on(t.platformId)],
);

export const links = sqliteTable(
  "links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    canonicalUrl: text("canonical_url").notNull().unique(),
    // SHA-256 of the canonical URL: the key clients mirror verdicts by.
    urlHash: text("url_hash").notNull().unique(),
    host: text("host").notNull(),
    registrableDomain: text("registrable_domain").notNull(),
    platformId: integer("platform_id").references(() => platforms.id),
    isShortLink: integer("is_short_link", { mode: "boolean" }).notNull().default(false),
    isIpLiteral: integer("is_ip_literal", { mode: "boolean" }).notNull().default(false),
    isMixedScript: integer("is_mixed_script", { mode: "boolean" }).notNull().default(false),
    firstSeenAt: text("first_seen_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
  },
  (t) => [
    // With the platform, so that a rating computation finds the other providers' links on a domain
    // from the index alone (lib/ratings/compute.ts OTHERS_ON_DOMAINS_SQL).
    index("links_domain_idx").on(t.registrableDomain, t.platformId),
    index("links_platform_idx").on(t.platformId),
  ],
);

export const linkVariants = sqliteTable(
  "link_variants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    linkId: integer("link_id").notNull().references(() => links.id),
    rawUrl: text("raw_url").notNull(),
    // Tracking parameters removed on the way to the canonical form, as JSON.
    strippedParams: text("stripped_params", { mode: "json" }).$type<string[]>(),
    firstSeenAt: text("first_seen_at").notNull(),
  },
  (t) => [uniqueIndex("link_variants_link_raw_uq").on(t.linkId, t.rawUrl)],
);

// ── Complaints and cases ─────────────────────────────────────────────────────

export const scenes = ["one_to_one", "group", "moments", "article", "other"] as const;
export type Scene = (typeof scenes)[number];

export const caseStatuses = ["open", "escalated", "decided", "closed"] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    linkId: integer("link_id").notNull().references(() => links.id),
    status: text("status", { enum: caseStatuses }).notNull().default("open"),
    claimedCategory: text("claimed_category").notNull(),
    priority: real("priority").notNull().default(0),
    /** The score's parts when `priority` was last computed (lib/queue/refresh-priority.ts), for the queue's expanded row. */
    priorityParts: text("priority_parts", { mode: "json" }).$type<StoredPriority>(),
    assigneeId: integer("assignee_id").references(() => users.id),
    leaseExpiresAt: text("lease_expires_at"),
    version: integer("version").notNull().default(1),
    reportCount: integer("report_count").notNull().default(0),
    openedAt: text("opened_at").notNull(),
    lastReportAt: text("last_report_at").notNull(),
    escalatedAt: text("escalated_at"),
    escalatedBy: integer("escalated_by").references(() => users.id),
    escalationNote: text("escalation_note"),
    decidedAt: text("decided_at"),
    closedAt: text("closed_at"),
    reopenedAt: text("reopened_at"),
  },
  (t) => [
    // One open case per canonical link.
    uniqueIndex("cases_one_open_per_link_uq")
      .on(t.linkId)
      .where(sql`status in ('open', 'escalated')`),
    index("cases_queue_idx").on(t.status, t.priority, t.id),
    // A category filter walks only its own cases (docs/performance.md "Triage queue").
    index("cases_category_queue_idx").on(t.status, t.claimedCategory, t.priority, t.id),
    index("cases_link_idx").on(t.linkId, t.decidedAt),
    index("cases_opened_idx").on(t.openedAt),
    // The queue's "mine" tab: the cases a moderator holds.
    index("cases_assignee_idx").on(t.assigneeId, t.leaseExpiresAt),
  ],
);

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    trackingCode: text("tracking_code").notNull().unique(),
    linkId: integer("link_id").notNull().references(() => links.id),
    caseId: integer("case_id").notNull().references(() => cases.id),
    rawUrl: text("raw_url").notNull(),
    category: text("category").notNull(),
    scene: text("scene", { enum: scenes }).notNull(),
    description: text("description"),
    // A keyed hash of the client app's pseudonymous user id; never the id itself.
    reporterHash: text("reporter_hash").notNull(),
    source: text("source", { enum: ["portal", "api"] }).notNull(),
    apiClientId: integer("api_client_id").references(() => apiClients.id),
    idempotencyKey: text("idempotency_key"),
    // Filed on a link decided within the last days: joins the decided case without reopening it
    // unless the evidence changes (lib/reports/case-grouping.ts).
    afterDecision: integer("after_decision", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("reports_created_idx").on(t.createdAt),
    index("reports_case_idx").on(t.caseId),
    index("reports_reporter_link_idx").on(t.reporterHash, t.linkId),
    index("reports_case_after_decision_idx").on(t.caseId, t.afterDecision, t.createdAt),
    // The few reports filed after their case was decided: the queue's "after decision" tab starts from them.
    index("reports_after_decision_idx").on(t.caseId).where(sql`after_decision = 1`),
    uniqueIndex("reports_client_idempotency_uq").on(t.apiClientId, t.idempotencyKey),
  ],
);

// ── Rulebook ─────────────────────────────────────────────────────────────────

export const principles = ["P1", "P2", "P3", "P4"] as const;
export const severities = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];
export const levels = ["L0", "L1", "L2", "L3", "L4", "L5"] as const;
export type Level = (typeof levels)[number];
/** What a verdict holds on: one URL, a path and below, a host, or the registrable domain (L4). */
export const verdictScopes = ["url", "path", "host", "domain"] as const;
export type VerdictScope = (typeof verdictScopes)[number];

export const ruleVersions = sqliteTable("rule_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  version: integer("version").notNull().unique(),
  status: text("status", { enum: ["draft", "published"] }).notNull(),
  summary: text("summary").notNull(),
  repeatWindowDays: integer("repeat_window_days").notNull().default(180),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: createdAt(),
  publishedAt: text("published_at"),
});

/** One offence step: the level and how long it lasts (null: until lifted). */
export type LadderStep = { level: Level; durationHours: number | null };

export const rules = sqliteTable(
  "rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ruleVersionId: integer("rule_version_id").notNull().references(() => ruleVersions.id),
    category: text("category").notNull(),
    principle: text("principle").notNull(),
    severity: text("severity", { enum: severities }).notNull(),
    ladder: text("ladder", { mode: "json" }).$type<LadderStep[]>().notNull(),
    allowsDomainBlock: integer("allows_domain_block", { mode: "boolean" }).notNull(),
    domainBlockThreshold: integer("domain_block_threshold"),
    reasonEn: text("reason_en").notNull(),
    reasonZh: text("reason_zh").notNull(),
  },
  (t) => [uniqueIndex("rules_version_category_uq").on(t.ruleVersionId, t.category)],
);

// ── Decisions and their consequences ─────────────────────────────────────────

export const outcomes = ["violation", "no_violation", "insufficient_evidence"] as const;
export type Outcome = (typeof outcomes)[number];

export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id").notNull().references(() => cases.id),
    caseVersion: integer("case_version").notNull(),
    deciderId: integer("decider_id").notNull().references(() => users.id),
    outcome: text("outcome", { enum: outcomes }).notNull(),
    category: text("category"),
    principle: text("principle"),
    severity: text("severity", { enum: severities }),
    // The link level: L0–L4. "L5" only on decisions taken before sanctions were decided beside a level
    // (they put no verdict in force, and keep that meaning).
    level: text("level", { enum: levels }).notNull(),
    // What the verdict holds on (lib/verdicts/expressions.ts); null when the decision issues none.
    scope: text("scope", { enum: verdictScopes }),
    // The provider sanction (L5) decided beside the link level: rectification demanded, counted in the rating.
    providerSanction: integer("provider_sanction", { mode: "boolean" }).notNull().default(false),
    durationHours: integer("duration_hours"),
    ruleVersionId: integer("rule_version_id").notNull().references(() => ruleVersions.id),
    // For a violation: which offence of the registrable domain within the repeat window this is (1 = first).
    offenceNumber: integer("offence_number"),
    recommendedLevel: text("recommended_level", { enum: levels }),
    rationale: text("rationale"),
    internalNote: text("internal_note"),
    publicNote: text("public_note"),
    createdAt: createdAt(),
    // Undo, reversal and appeal outcomes are recorded here and in the audit trail.
    reversedAt: text("reversed_at"),
    reversedBy: integer("reversed_by").references(() => users.id),
    reversalKind: text("reversal_kind", { enum: ["undo", "reversal", "appeal"] }),
    reversalReason: text("reversal_reason"),
  },
  (t) => [
    // A decision is taken on one version of a case, once.
    uniqueIndex("decisions_case_version_uq").on(t.caseId, t.caseVersion),
    index("decisions_created_idx").on(t.createdAt),
    // The rating computation reads every decision of a 270-day range (window and repeat lookback) in
    // time order: covering it saves reading each wide decision row (docs/performance.md "Ratings").
    index("decisions_rating_idx").on(t.createdAt, t.outcome, t.caseId, t.severity, t.reversedAt, t.reversalKind),
    index("decisions_decider_idx").on(t.deciderId),
  ],
);

export const verdicts = sqliteTable(
  "verdicts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scope: text("scope", { enum: verdictScopes }).notNull(),
    // The link decided on (every scope but domain), and the registrable domain (domain scope).
    linkId: integer("link_id").references(() => links.id),
    domain: text("domain"),
    // What the verdict holds on, as a lookup expression (host + path) and its SHA-256 hex: the key of
    // the memory index, the change feed and hash-prefix lookups (lib/verdicts/expressions.ts).
    expression: text("expression"),
    expressionKey: text("expression_key"),
    // URL scope: the blocked link's query parameters (decoded `name=value`, sorted), all of which a
    // link must carry for the verdict to hold.
    requiredParams: text("required_params", { mode: "json" }).$type<string[]>(),
    level: text("level", { enum: levels }).notNull(),
    category: text("category").notNull(),
    decisionId: integer("decision_id").notNull().references(() => decisions.id),
    startsAt: text("starts_at").notNull(),
    // Null: until lifted (for example by an approved restore request).
    expiresAt: text("expires_at"),
    liftedAt: text("lifted_at"),
    liftedReason: text("lifted_reason"),
  },
  (t) => [
    index("verdicts_link_idx").on(t.linkId, t.liftedAt),
    index("verdicts_domain_idx").on(t.domain, t.liftedAt),
    index("verdicts_level_idx").on(t.level, t.liftedAt, t.expiresAt),
    index("verdicts_expression_idx").on(t.expressionKey, t.liftedAt),
  ],
);

// The change feed clients mirror verdicts through (DESIGN.md "Link verdicts"), read in `seq` order:
// one row each time a verdict starts or stops applying to its key. Level "L0" says that verdict no
// longer holds its key (lifted), so the key is clear again unless another verdict holds it; a
// mirror keeps the unexpired rows per key and applies the strongest (lib/verdicts/precedence.ts).
export const verdictChanges = sqliteTable(
  "verdict_changes",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    verdictId: integer("verdict_id").notNull().references(() => verdicts.id),
    // The verdict's scope, which says how it holds on its key (lib/verdicts/expressions.ts).
    keyType: text("key_type", { enum: verdictScopes }).notNull(),
    // SHA-256 hex of the verdict's lookup expression.
    key: text("key").notNull(),
    // URL scope: SHA-256 hex of each query parameter (`name=value`) a link must carry; null otherwise.
    params: text("params", { mode: "json" }).$type<string[]>(),
    level: text("level", { enum: levels }).notNull(),
    expiresAt: text("expires_at"),
    changedAt: text("changed_at").notNull(),
  },
  (t) => [index("verdict_changes_key_idx").on(t.keyType, t.key)],
);

export const rectificationNotices = sqliteTable(
  "rectification_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platformId: integer("platform_id").notNull().references(() => platforms.id),
    caseId: integer("case_id").notNull().references(() => cases.id),
    decisionId: integer("decision_id").notNull().references(() => decisions.id),
    sentAt: text("sent_at").notNull(),
    deadlineAt: text("deadline_at").notNull(),
    answeredAt: text("answered_at"),
    answer: text("answer"),
    // Who recorded the answer: the platform's API client, or a manager on the platform's behalf.
    answeredByClientId: integer("answered_by_client_id").references(() => apiClients.id),
    answeredByUserId: integer("answered_by_user_id").references(() => users.id),
    // Set when the decision behind it is undone or reversed before the platform answered: the notice
    // no longer asks anything, is not listed as pending and does not count in the rating.
    withdrawnAt: text("withdrawn_at"),
  },
  (t) => [
    index("notices_platform_idx").on(t.platformId, t.deadlineAt),
    index("notices_decision_idx").on(t.decisionId),
  ],
);

export const restoreRequests = sqliteTable(
  "restore_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // What the requester keeps to follow the request (lib/reports/tracking-code.ts).
    trackingCode: text("tracking_code").notNull().unique(),
    linkId: integer("link_id").notNull().references(() => links.id),
    verdictId: integer("verdict_id").references(() => verdicts.id),
    requester: text("requester", { enum: ["link_owner", "platform"] }).notNull(),
    source: text("source", { enum: ["portal", "api"] }).notNull(),
    apiClientId: integer("api_client_id").references(() => apiClients.id),
    rawUrl: text("raw_url").notNull(),
    contact: text("contact").notNull(),
    explanation: text("explanation").notNull(),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull().default("pending"),
    submittedAt: text("submitted_at").notNull(),
    reviewedBy: integer("reviewed_by").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("restore_requests_status_idx").on(t.status, t.submittedAt),
    index("restore_requests_verdict_idx").on(t.verdictId, t.status),
  ],
);

export const appeals = sqliteTable(
  "appeals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id").notNull().references(() => decisions.id),
    appellant: text("appellant", { enum: ["reporter", "link_owner", "platform"] }).notNull(),
    // The client app that filed it, which alone may read it back over the API.
    apiClientId: integer("api_client_id").references(() => apiClients.id),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["pending", "upheld", "overturned"] }).notNull().default("pending"),
    submittedAt: text("submitted_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    note: text("note"),
  },
  (t) => [
    index("appeals_status_idx").on(t.status, t.submittedAt),
    index("appeals_decision_idx").on(t.decisionId),
  ],
);

// ── Platform ratings ─────────────────────────────────────────────────────────

export const grades = ["A", "B", "C", "D"] as const;
export type Grade = (typeof grades)[number];

export const ratingSnapshots = sqliteTable(
  "rating_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platformId: integer("platform_id").notNull().references(() => platforms.id),
    day: text("day").notNull(), // YYYY-MM-DD, the last day of the window
    formulaVersion: integer("formula_version").notNull(),
    score: real("score").notNull(),
    grade: text("grade", { enum: grades }).notNull(),
    provisional: integer("provisional", { mode: "boolean" }).notNull(),
    cappedAtC: integer("capped_at_c", { mode: "boolean" }).notNull(),
    violationRate: real("violation_rate").notNull(),
    rectificationRate: real("rectification_rate").notNull(),
    repeatRate: real("repeat_rate").notNull(),
    severityIndex: real("severity_index").notNull(),
    decided: integer("decided").notNull(),
    confirmed: integer("confirmed").notNull(),
    noticesOnTime: integer("notices_on_time").notNull(),
    noticesDue: integer("notices_due").notNull(),
    repeatCases: integer("repeat_cases").notNull(),
    severitySum: integer("severity_sum").notNull(),
    computedAt: text("computed_at").notNull(),
  },
  (t) => [uniqueIndex("rating_snapshots_platform_day_uq").on(t.platformId, t.day, t.formulaVersion)],
);

// Platforms whose snapshot for today no longer matches the decision log: marked in the same
// transaction as a decision, undo, reversal, appeal overturn or notice answer, cleared by the rating
// refresher (lib/ratings/refresh.ts) once it has recomputed them. `generation` grows with every mark,
// so the refresher clears only marks it has seen (a newer one waits for the next tick).
export const ratingStalePlatforms = sqliteTable("rating_stale_platforms", {
  platformId: integer("platform_id")
    .primaryKey()
    .references(() => platforms.id),
  generation: integer("generation").notNull().default(1),
  markedAt: text("marked_at").notNull(),
});

export const gradeOverrides = sqliteTable(
  "grade_overrides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platformId: integer("platform_id").notNull().references(() => platforms.id),
    grade: text("grade", { enum: grades }).notNull(),
    reason: text("reason").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    createdBy: integer("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("grade_overrides_platform_idx").on(t.platformId, t.endsAt)],
);

// ── Audit trail ──────────────────────────────────────────────────────────────

// Append-only and hash-chained: triggers in the migrations refuse UPDATE and DELETE.
export const auditEvents = sqliteTable(
  "audit_events",
  {
    seq: integer("seq").primaryKey(),
    at: text("at").notNull(),
    actorId: integer("actor_id").references((): AnySQLiteColumn => users.id),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: text("before"),
    after: text("after"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    // target_id and at as well: the console home reads case events by action over a range of days
    // from the index alone (lib/operations/daily-operations.ts), without visiting the wide rows.
    index("audit_events_action_idx").on(t.action, t.seq, t.targetId, t.at),
  ],
);
