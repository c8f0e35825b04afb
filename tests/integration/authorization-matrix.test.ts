// Every action in the app, called as every role and signed out: only the roles of the permission
// table succeed, and a refused call leaves every row of every table as it was.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { type Role, cases, roles, users } from "@/db/schema";
import { createApiClient } from "@/lib/api-clients/api-clients";
import type { Actor } from "@/lib/auth/actor";
import { definedActions } from "@/lib/auth/define-action";
import { allows, can } from "@/lib/auth/permissions";
import { claimCase } from "@/lib/cases/lease";
import { getDb } from "@/lib/db";
import { addPlatformDomain, createPlatform } from "@/lib/platforms/registry-admin";
import { overrideGrade } from "@/lib/ratings/override";
import { submitRestoreRequest } from "@/lib/restore/submit";
import { fileAppeal } from "@/lib/appeals/file";
import { blockLink, ensurePublishedRulebook, openCaseFor } from "./support/blocked-links";
import { databaseDump, tableCounts, testDatabase } from "./support/database";
import { noticePlatformDomain, violationWithNotice } from "./support/notices";
import { changedDraftNumber, draftNumber, rumourChange, withoutDraft } from "./support/rule-drafts";
import { TEST_PASSWORD, makeOneOfEachRole, makeStaff } from "./support/staff";

// Loading every action definition registers it.
import.meta.glob("/lib/**/actions/*.ts", { eager: true });

testDatabase();

let unique = 0;
let moderator: Actor | undefined;
/** Who decides the cases that restore requests need a verdict from. */
const decider = async () => (moderator ??= await makeStaff("moderator"));
/** Builds a valid input for an action, with whatever rows it needs, for the given caller. */
const fixtures: Record<string, (actor: Actor) => Promise<Record<string, unknown>>> = {
  "staff.create": async () => ({
    email: `new-${++unique}@test.example`,
    name: "New Person",
    role: "moderator",
    password: "a long enough password",
  }),
  "staff.change_role": async () => ({ userId: (await makeStaff("moderator")).id, role: "auditor" }),
  "staff.set_disabled": async () => ({ userId: (await makeStaff("moderator")).id, disabled: "true" }),
  "staff.unlock": async () => {
    const user = await makeStaff("moderator");
    getDb().update(users).set({ lockedUntil: "2999-01-01T00:00:00.000Z", failedSignIns: 0 }).where(eq(users.id, user.id)).run();
    return { userId: user.id };
  },
  "self.set_locale": async (actor) => ({ locale: actor.locale === "en" ? "zh" : "en" }),
  "self.set_time_zone": async () => ({ timeZone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"][++unique % 4] }),
  "self.change_password": async () => ({ currentPassword: TEST_PASSWORD, newPassword: "a brand new password", confirmPassword: "a brand new password" }),
  "api_client.create": async () => ({ name: `Client ${++unique}`, requestsPerMinute: 120 }),
  "report.file_portal": async () => ({ url: `https://matrix-${++unique}.example.com/page`, category: "fraud_scam", scene: "group" }),
  "api_client.revoke": async () => {
    const admin = await makeStaff("admin");
    return { clientId: createApiClient(getDb(), { actorId: admin.id }, { name: "To revoke", requestsPerMinute: 60 }).id };
  },
  "platform.create": async () => ({ slug: `platform-${++unique}`, name: "Test platform", nameZh: "测试平台", kind: "shop" }),
  "platform.add_domain": async () => ({
    platformId: createPlatform(getDb(), { actorId: null }, { slug: `with-domain-${++unique}`, name: "P", nameZh: "平台", kind: "shop" }).id,
    domain: `site-${unique}.example`,
    kind: "registrable",
  }),
  "platform.remove_domain": async () => {
    const platform = createPlatform(getDb(), { actorId: null }, { slug: `losing-domain-${++unique}`, name: "P", nameZh: "平台", kind: "shop" });
    return { domainId: addPlatformDomain(getDb(), { actorId: null }, { platformId: platform.id, domain: `old-${unique}.example`, kind: "short_link" }).id };
  },
  "rules.start_draft": async () => {
    withoutDraft();
    return {};
  },
  "rules.update_draft_rule": async () => rumourChange(draftNumber()),
  "rules.discard_draft": async () => ({ version: draftNumber() }),
  "rules.publish_draft": async () => ({ version: changedDraftNumber(), summary: `Matrix publish ${++unique}` }),
  "ratings.override": async () => ({
    platformId: createPlatform(getDb(), { actorId: null }, { slug: `rated-${++unique}`, name: "Rated", nameZh: "评级", kind: "shop" }).id,
    grade: "B",
    reason: "Rectified all listings after the audit.",
    endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  }),
  "ratings.end_override": async () => {
    const platformId = createPlatform(getDb(), { actorId: null }, { slug: `rated-${++unique}`, name: "Rated", nameZh: "评级", kind: "shop" }).id;
    const manager = await makeStaff("manager");
    overrideGrade(getDb(), manager, { platformId, grade: "C", reason: "Under review after the spike.", endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    return { platformId };
  },
  "notices.answer": async () => ({ noticeId: (await violationWithNotice(noticePlatformDomain())).noticeId, answer: "Rectified: the listing is gone." }),
  "restore.request_portal": async () => {
    const url = `https://matrix-restore-${++unique}.example/page`;
    blockLink(await decider(), url);
    return { url, requester: "link_owner", contact: "owner@matrix.example", explanation: "The prize form was removed from the page." };
  },
  "restore.review": async () => {
    const url = `https://matrix-review-${++unique}.example/page`;
    blockLink(await decider(), url);
    const restore = { url, requester: "platform", contact: "+86 10 1234 5678", explanation: "The prize form was removed from the page.", source: "api" as const };
    return { restoreRequestId: submitRestoreRequest(getDb(), restore).id, decision: "approve", note: "Checked the page: it is clean now." };
  },
  "cases.claim": async () => ({ caseId: openCaseFor(`https://matrix-claim-${++unique}.example/page`) }),
  "cases.renew": async () => ({ caseId: openCaseFor(`https://matrix-renew-${++unique}.example/page`) }),
  "cases.release": async (actor) => {
    const caseId = openCaseFor(`https://matrix-release-${++unique}.example/page`);
    if (can(actor.role, "cases.decide")) claimCase(getDb(), actor, caseId);
    return { caseId };
  },
  "cases.reassign": async () => ({
    caseId: openCaseFor(`https://matrix-reassign-${++unique}.example/page`),
    assigneeId: (await decider()).id,
    reason: "Handing over at the end of the shift.",
  }),
  "cases.escalate": async () => {
    const caseId = openCaseFor(`https://matrix-escalate-${++unique}.example/page`);
    return { caseId, caseVersion: caseVersion(caseId), note: "Needs a senior: may be a real bank." };
  },
  "decisions.decide": async () => {
    ensurePublishedRulebook();
    const caseId = openCaseFor(`https://matrix-decide-${++unique}.example/page`);
    return { caseId, caseVersion: caseVersion(caseId), outcome: "violation", category: "fraud_scam", level: "L3", durationHours: "", rationale: "Fake prize page asking for card numbers." };
  },
  "cases.bulk_decide": async () => {
    ensurePublishedRulebook();
    const ids = [1, 2].map(() => openCaseFor(`https://matrix-bulk-${++unique}.example/page`));
    return {
      cases: ids.map((id) => `${id}:${caseVersion(id)}`),
      outcome: "violation",
      category: "fraud_scam",
      level: "L3",
      durationHours: "",
      rationale: "The same fake prize page on every link.",
    };
  },
  "decisions.undo": async (actor) => {
    const by = can(actor.role, "cases.decide") ? actor : await decider();
    return { decisionId: blockLink(by, `https://matrix-undo-${++unique}.example/page`).decisionId };
  },
  "appeals.decide": async () => {
    // A platform's client appeals a moderator's decision on its link: no senior made it, so four eyes hold.
    const { caseId } = await violationWithNotice(noticePlatformDomain());
    const { decisionId, platformId } = getDb().$client
      .prepare("select d.id as decisionId, l.platform_id as platformId from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id where d.case_id = ?")
      .get(caseId) as { decisionId: number; platformId: number };
    const client = createApiClient(getDb(), { actorId: (await decider()).id }, { name: `Appealing shop ${++unique}`, requestsPerMinute: 60, platformId });
    const { appealId } = fileAppeal(getDb(), { clientId: client.id, platformId }, { decisionId, appellant: "platform", reason: "The listing was a genuine ticket resale, not a scam." });
    return { appealId, decision: "overturn", note: "Checked the seller's licence." };
  },
  "decisions.reverse": async () => ({
    decisionId: blockLink(await decider(), `https://matrix-reverse-${++unique}.example/page`).decisionId,
    reason: "The complaint was mistaken after all.",
  }),
};

const caseVersion = (caseId: number) => getDb().select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get()!.version;

const actions = definedActions();

let visitors = 0;
/** A distinct visitor and address per call, so public actions are not refused as duplicates. */
function signedOutOrigin() {
  visitors += 1;
  return { ip: `198.51.100.${visitors % 250}`, visitorId: `matrix-visitor-${visitors}-${Date.now()}` };
}

describe("authorization matrix", () => {
  let actors: Record<Role, Actor>;
  beforeAll(async () => {
    actors = await makeOneOfEachRole();
  });

  it("covers every action the app defines", () => {
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((a) => a.name).sort()).toEqual(Object.keys(fixtures).sort());
  });

  for (const action of actions) {
    describe(action.name, () => {
      const publicAction = action.permission === "public";
      it(`signed out: ${publicAction ? "allowed, and audited" : "refused, nothing written"}`, async () => {
        const input = await fixtures[action.name]!(actors.admin);
        const before = databaseDump();
        const eventsBefore = tableCounts().audit_events!;
        const result = await action.run(null, input, undefined, signedOutOrigin());
        if (publicAction) {
          expect(result).toMatchObject({ ok: true });
          expect(tableCounts().audit_events).toBeGreaterThan(eventsBefore);
        } else {
          expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
          expect(databaseDump()).toBe(before);
        }
      });

      for (const role of roles) {
        const allowed = allows(action.permission, role);
        it(`${role}: ${allowed ? "allowed, and audited" : "refused, nothing written"}`, async () => {
          const actor = actors[role];
          const input = await fixtures[action.name]!(actor);
          const before = allowed ? JSON.stringify(tableCounts()) : databaseDump();
          const eventsBefore = tableCounts().audit_events!;
          const result = await action.run(actor, input, undefined, signedOutOrigin());
          if (allowed) {
            expect(result).toMatchObject({ ok: true });
            expect(tableCounts().audit_events).toBeGreaterThan(eventsBefore);
          } else {
            expect(result).toMatchObject({ ok: false, code: "forbidden" });
            expect(databaseDump()).toBe(before);
          }
        });
      }
    });
  }
});

describe("invalid input", () => {
  it("gets field errors and writes nothing, for every action", async () => {
    const admin = await makeStaff("admin");
    const senior = await makeStaff("senior");
    const manager = await makeStaff("manager");
    for (const action of actions) {
      const actor = allows(action.permission, "admin") ? admin : allows(action.permission, "senior") ? senior : manager;
      const before = databaseDump();
      const result = await action.run(actor, { junk: "<script>", userId: "not-a-number", clientId: -1, locale: "fr" });
      expect(result, action.name).toMatchObject({ ok: false, code: "invalid" });
      expect(databaseDump()).toBe(before);
    }
  });
});

describe("server actions in app/", () => {
  const root = path.resolve("app");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(root, f))
    .filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(f, "utf8")));

  // Sign-in and sign-out are the session boundary, handled by Auth.js; everything else is a binding.
  const sessionBoundary = new Set(["signInAction", "signOutAction"]);

  it("are all bindings of defined actions, built by the one wrapper", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      for (const match of source.matchAll(/^export\s+(?:async\s+)?(?:const|function)\s+(\w+)(.*)$/gm)) {
        const [, name, rest] = match;
        if (sessionBoundary.has(name!)) continue;
        expect(rest, `${path.relative(root, file)}: ${name}`).toMatch(/^\s*=\s*serverAction\(/);
      }
    }
  });
});
