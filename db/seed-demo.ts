// The deterministic demo data: staff, the demo API client, the platform registry, rule version 1,
// about 5,000 complaints over the 180 days before `now` with one case per reported link, and the
// moderators' work on them: about 60 % of the cases decided through decideCase (so the verdicts,
// rectification notices and audit events are the ones the console would have written), and the
// platforms' answers to the notices through answerNotice. Reports, decisions and answers are
// written in time order, so each decision sees exactly the earlier decisions of its domain.
//
// Same `now` → byte-identical rows, with one exception: users.password_hash. argon2id salts every
// hash, so the (single, shared) demo password hash differs between runs. Everything else comes from
// a fixed-seed PRNG and `now`; nothing here reads the clock or Math.random.
import { createHash, createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_REPORTER_KEY, demoStaff } from "@/db/demo/demo-accounts";
import { type NoticeAnswerPlan, type PlannedDecision, linksInOrder, planDecisions } from "@/db/demo/decision-plan";
import { demoModeration } from "@/db/demo/moderation";
import { type PlannedLink, type PlannedReport, WINDOW_DAYS, claimedCategory, plan } from "@/db/demo/plan";
import {
  apiClients,
  cases,
  linkVariants,
  links,
  platformDomains,
  platforms,
  reports,
  ruleVersions,
  rules,
  users,
} from "@/db/schema";
import { refreshOpenPrioritiesNow } from "@/lib/queue/refresh-priority";
import { computeSnapshots, utcDay } from "@/lib/ratings/compute";
import { refreshRatings } from "@/lib/ratings/refresh";
import { hashApiKey, keyPrefix } from "@/lib/api-clients/key";
import { type AuditInput, recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/open";
import { INDEPENDENT_PLATFORM, platformRegistry } from "@/lib/platforms/registry";
import { REPEAT_WINDOW_DAYS, defaultRulebook } from "@/lib/rules/default-rulebook";
import { DAY_MS } from "@/lib/time/now";

export { DEMO_API_KEY, DEMO_PASSWORD, DEMO_REPORTER_KEY, demoStaff };
export { DEMO_VERDICT_EXAMPLES } from "@/db/demo/showcase";

export type SeedSummary = {
  now: string;
  from: string;
  users: number;
  apiClients: number;
  platforms: number;
  platformDomains: number;
  ruleVersions: number;
  rules: number;
  links: number;
  linkVariants: number;
  cases: number;
  reports: number;
  reportsLast24h: number;
  openCases: number;
  decisions: number;
  violations: number;
  verdicts: number;
  verdictsInForce: number;
  notices: number;
  noticesAnswered: number;
  noticesOverdue: number;
  ratingSnapshots: number;
  auditEvents: number;
};

/** What happens, in time order: a report comes in, a case is decided, a platform answers a notice. */
type DemoEvent =
  | { at: number; kind: 0; report: PlannedReport }
  | { at: number; kind: 1; decision: PlannedDecision }
  | { at: number; kind: 2; decision: PlannedDecision; reply: Exclude<NoticeAnswerPlan, { kind: "never" }> };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const iso = (ms: number) => new Date(ms).toISOString();

// ── Loading ──────────────────────────────────────────────────────────────────

export type SeedOptions = {
  now: Date;
  /**
   * False: the complaints only, every case left open and no domain with a decision history (for
   * tests of the decision rules that need a clean slate). The demo itself always decides.
   */
  decisions?: boolean;
};

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error("seedDemo: `now` is not a valid date");
  // Hashed once and shared by every demo login (argon2id is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { reports: planned, reporterIds, start } = plan(nowMs);
  const decisionsPlanned = options.decisions === false ? [] : planDecisions(linksInOrder(planned), nowMs);
  const reporterHashes = reporterIds.map((id) => createHmac("sha256", DEMO_REPORTER_KEY).update(id).digest("hex"));
  const setupAt = iso(nowMs - (WINDOW_DAYS + 1) * DAY_MS);
  const publishedAt = iso(start);

  const summary = db.transaction(
    (tx) => {
      const summary: SeedSummary = {
        now: iso(nowMs),
        from: iso(start),
        users: 0,
        apiClients: 0,
        platforms: 0,
        platformDomains: 0,
        ruleVersions: 0,
        rules: 0,
        links: 0,
        linkVariants: 0,
        cases: 0,
        reports: 0,
        reportsLast24h: 0,
        openCases: 0,
        decisions: 0,
        violations: 0,
        verdicts: 0,
        verdictsInForce: 0,
        notices: 0,
        noticesAnswered: 0,
        noticesOverdue: 0,
        ratingSnapshots: 0,
        auditEvents: 0,
      };
      const audit = (input: Omit<AuditInput, "actorId">) => {
        recordAudit(tx, { ...input, actorId: null });
      };
      const insertId = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

      const actors = new Map<string, Actor>();
      for (const staff of demoStaff) {
        const id = insertId(
          tx
            .insert(users)
            .values({ ...staff, passwordHash, timeZone: "Asia/Shanghai", createdAt: setupAt, updatedAt: setupAt })
            .run(),
        );
        audit({ action: "seed.staff_created", targetType: "user", targetId: id, after: { email: staff.email, role: staff.role }, at: setupAt });
        actors.set(staff.email, { id, email: staff.email, name: staff.name, role: staff.role, locale: staff.locale, timeZone: "Asia/Shanghai" });
        summary.users += 1;
      }

      const apiClientId = insertId(
        tx
          .insert(apiClients)
          .values({ name: "Demo chat app", keyPrefix: keyPrefix(DEMO_API_KEY), keyHash: hashApiKey(DEMO_API_KEY), createdAt: setupAt })
          .run(),
      );
      audit({
        action: "api_client.created",
        targetType: "api_client",
        targetId: apiClientId,
        after: { name: "Demo chat app", keyPrefix: keyPrefix(DEMO_API_KEY) },
        at: setupAt,
      });
      summary.apiClients += 1;

      const platformIds = new Map<string, number>();
      for (const entry of [...platformRegistry, INDEPENDENT_PLATFORM]) {
        const isIndependent = entry.slug === INDEPENDENT_PLATFORM.slug;
        const id = insertId(
          tx
            .insert(platforms)
            .values({ slug: entry.slug, name: entry.name, nameZh: entry.nameZh, kind: entry.kind, isIndependent, createdAt: setupAt })
            .run(),
        );
        platformIds.set(entry.slug, id);
        for (const d of entry.domains) {
          tx.insert(platformDomains).values({ platformId: id, domain: d.domain, kind: d.kind, createdAt: setupAt }).run();
          summary.platformDomains += 1;
        }
        audit({
          action: "platform.created",
          targetType: "platform",
          targetId: id,
          after: { slug: entry.slug, name: entry.name, kind: entry.kind, domains: entry.domains.map((d) => d.domain) },
          at: setupAt,
        });
        summary.platforms += 1;
      }

      const ruleVersionId = insertId(
        tx
          .insert(ruleVersions)
          .values({
            version: 1,
            status: "published",
            summary: "Default rulebook",
            repeatWindowDays: REPEAT_WINDOW_DAYS,
            createdAt: setupAt,
            publishedAt,
          })
          .run(),
      );
      for (const rule of defaultRulebook) {
        tx.insert(rules).values({ ruleVersionId, ...rule }).run();
        summary.rules += 1;
      }
      audit({
        action: "rules.published",
        targetType: "rule_version",
        targetId: ruleVersionId,
        after: { version: 1, summary: "Default rulebook", categories: defaultRulebook.map((r) => r.category) },
        at: publishedAt,
      });
      summary.ruleVersions += 1;

      // Each link (with its case) is created with its first report.
      const linkIds = new Map<PlannedLink, { linkId: number; caseId: number; variants: Set<string> }>();
      const recentFrom = nowMs - DAY_MS;
      const fileDemoReport = (r: PlannedReport) => {
        const at = iso(r.at);
        let ids = linkIds.get(r.link);
        if (!ids) {
          const link = r.link;
          const first = link.reports[0]!.at;
          const last = link.reports[link.reports.length - 1]!.at;
          const linkId = insertId(
            tx
              .insert(links)
              .values({
                canonicalUrl: link.canonicalUrl,
                urlHash: sha256(link.canonicalUrl),
                host: link.host,
                registrableDomain: link.registrableDomain,
                platformId: platformIds.get(link.platformSlug)!,
                isShortLink: link.isShortLink,
                isIpLiteral: link.isIpLiteral,
                isMixedScript: link.isMixedScript,
                firstSeenAt: iso(first),
                lastSeenAt: iso(last),
              })
              .run(),
          );
          tx.insert(linkVariants).values({ linkId, rawUrl: link.canonicalUrl, strippedParams: [], firstSeenAt: iso(first) }).run();
          summary.links += 1;
          summary.linkVariants += 1;
          const caseId = insertId(
            tx
              .insert(cases)
              .values({
                linkId,
                status: "open",
                claimedCategory: claimedCategory(link),
                reportCount: link.reports.length,
                openedAt: iso(first),
                lastReportAt: iso(last),
              })
              .run(),
          );
          audit({
            action: "case.opened",
            targetType: "case",
            targetId: caseId,
            after: { linkId, canonicalUrl: link.canonicalUrl },
            at: iso(first),
          });
          summary.cases += 1;
          ids = { linkId, caseId, variants: new Set([link.canonicalUrl]) };
          linkIds.set(link, ids);
        }
        if (!ids.variants.has(r.rawUrl)) {
          tx.insert(linkVariants).values({ linkId: ids.linkId, rawUrl: r.rawUrl, strippedParams: r.strippedParams, firstSeenAt: at }).run();
          ids.variants.add(r.rawUrl);
          summary.linkVariants += 1;
        }
        const reportId = insertId(
          tx
            .insert(reports)
            .values({
              trackingCode: r.trackingCode,
              linkId: ids.linkId,
              caseId: ids.caseId,
              rawUrl: r.rawUrl,
              category: r.category,
              scene: r.scene,
              description: r.description,
              reporterHash: reporterHashes[r.reporter]!,
              source: r.source,
              apiClientId: r.source === "api" ? apiClientId : null,
              createdAt: at,
            })
            .run(),
        );
        audit({
          action: "report.created",
          targetType: "report",
          targetId: reportId,
          after: { trackingCode: r.trackingCode, caseId: ids.caseId, category: r.category, scene: r.scene },
          at,
        });
        summary.reports += 1;
        if (r.at >= recentFrom) summary.reportsLast24h += 1;
      };

      const moderation = demoModeration(db, actors, (link) => linkIds.get(link)!.caseId);
      const events: DemoEvent[] = planned.map((report) => ({ at: report.at, kind: 0, report }));
      for (const decision of decisionsPlanned) {
        events.push({ at: decision.at, kind: 1, decision });
        const reply = decision.answer;
        if (reply && reply.kind !== "never" && reply.at < nowMs) events.push({ at: reply.at, kind: 2, decision, reply });
      }
      // Stable: reports keep their planned order, decisions and answers theirs.
      events.sort((a, b) => a.at - b.at || a.kind - b.kind);
      for (const event of events) {
        if (event.kind === 0) fileDemoReport(event.report);
        else if (event.kind === 1) moderation.decide(event.decision);
        else moderation.answer(event.decision, event.reply);
      }
      Object.assign(summary, moderation.counts);
      // The queue sorts on stored priorities: compute them as of the seed's "now".
      refreshOpenPrioritiesNow(db, iso(nowMs));

      const nowIso = iso(nowMs);
      const n = (query: ReturnType<typeof sql>) => tx.get<{ n: number }>(query).n;
      summary.openCases = n(sql`select count(*) as n from cases where status = 'open'`);
      summary.verdictsInForce = n(
        sql`select count(*) as n from verdicts where lifted_at is null and starts_at <= ${nowIso} and (expires_at is null or expires_at > ${nowIso})`,
      );
      summary.noticesOverdue = n(sql`select count(*) as n from rectification_notices where answered_at is null and deadline_at < ${nowIso}`);
      return summary;
    },
    { behavior: "immediate" },
  );
  // The rating history the charts show: a snapshot per platform and day over the whole demo window,
  // as `npm run ratings:compute` would have written them day by day. The marks the decisions left are
  // then cleared (nothing changes: today was just computed).
  const ratings = computeSnapshots(db, { from: utcDay(nowMs - (WINDOW_DAYS - 1) * DAY_MS), to: utcDay(nowMs) }, { now: options.now });
  summary.ratingSnapshots = ratings.snapshots;
  refreshRatings(db, "all", { now: options.now });
  summary.auditEvents = db.get<{ n: number }>(sql`select count(*) as n from audit_events`).n;
  return summary;
}
