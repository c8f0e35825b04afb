// Rectification notices made the way production makes them: a complaint filed on a platform's link,
// then a moderator's violation decision, which sends the notice (lib/decisions/decide.ts).
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { getDb } from "@/lib/db";
import { addPlatformDomain, createPlatform } from "@/lib/platforms/registry-admin";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { publishDraft } from "@/lib/rules/publish";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { changedDraftNumber } from "./rule-drafts";
import { makeStaff } from "./staff";

const system = { actorId: null };
let made = 0;
let decider: Actor | undefined;

/** A platform that owns `domain` (a fresh one for each call with a new slug). */
export function platformWithDomain(slug: string, domain: string): number {
  const { id } = createPlatform(getDb(), system, { slug, name: `Shop ${slug}`, nameZh: `商城 ${slug}`, kind: "shop" });
  addPlatformDomain(getDb(), system, { platformId: id, domain, kind: "registrable" });
  return id;
}

/** Decisions need a published rulebook; databases without the demo seed get one. */
function ensurePublishedRulebook() {
  if (!publishedRulebook(getDb())) publishDraft(getDb(), system, { version: changedDraftNumber(), summary: "Rulebook for notice tests" });
}

/**
 * Files a complaint about a new link of `domain` and decides it a violation at `at`: the decision
 * sends the platform a notice due 24 h later for a critical category, 48 h otherwise.
 */
export async function violationWithNotice(
  domain: string,
  options: { category?: CategoryCode; level?: "L1" | "L2" | "L3"; at?: Date } = {},
): Promise<{ noticeId: number; caseId: number }> {
  ensurePublishedRulebook();
  decider ??= await makeStaff("moderator");
  made += 1;
  const at = options.at ?? new Date();
  const filed = fileReport(
    getDb(),
    {
      url: `https://www.${domain}/item/${made}-${Date.now()}`,
      category: options.category ?? "fraud_scam",
      scene: "group",
      reporterHash: reporterHash(`notice-reporter-${made}`),
      source: "api",
    },
    { now: at },
  );
  const caseId = filed.report.caseId;
  const version = (getDb().$client.prepare("select version from cases where id = ?").get(caseId) as { version: number }).version;
  const decided = decideCase(
    getDb(),
    decider,
    {
      caseId,
      caseVersion: version,
      outcome: "violation",
      category: options.category ?? "fraud_scam",
      level: options.level ?? "L3",
      durationHours: null,
      rationale: "Confirmed after checking the page.",
    },
    { now: at },
  );
  if (decided.noticeId === null) throw new Error(`no notice was sent for ${domain}: is it a registered platform's domain?`);
  return { noticeId: decided.noticeId, caseId };
}

let fixtureDomain: string | undefined;

/** A registered platform's domain to send notices about, made once per test file. */
export function noticePlatformDomain(): string {
  if (!fixtureDomain) {
    platformWithDomain("notice-fixture-shop", "notice-fixture-shop-test.com");
    fixtureDomain = "notice-fixture-shop-test.com";
  }
  return fixtureDomain;
}
