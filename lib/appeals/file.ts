// A client app appeals a decision (DESIGN.md "appeal"): as the reporter, naming one of its own
// reports (the decision that now stands on that report's case), or as a platform, naming a decision
// on one of its links. The appeal waits for a senior moderator who did not make the decision
// (lib/appeals/decide-appeal.ts). Every refusal is thrown before the first write; another client's
// report or platform's decision is answered exactly like an unknown id.
import { and, desc, eq } from "drizzle-orm";
import { appeals, cases, decisions, links, reports } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { loadStandingDecision } from "@/lib/decisions/set-aside";
import { DAY_MS } from "@/lib/time/now";
import { APPEAL_WINDOW_DAYS, type AppealInput, appealInputSchema } from "./schemas";

/** The API client filing: `platformId` is set for a platform's own client. */
export type AppealFiler = { clientId: number; platformId: number | null };

export type AppealReceipt = { appealId: number; status: "pending"; decisionId: number; appellant: AppealInput["appellant"]; submittedAt: string };

type Options = { now?: Date; requestId?: string | null };

/** Field errors keyed by field, as catalog keys; the first problem of each field. */
function fieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "_form");
    out[field] ??= [issue.message.includes(".") ? issue.message : "validation.invalid"];
  }
  return out;
}

type DecisionRow = typeof decisions.$inferSelect;

/** The decision a reporter appeals: the newest one on its report's case. */
function decisionForReport(tx: Tx, filer: AppealFiler, reportId: number): DecisionRow {
  const report = tx.select({ caseId: reports.caseId, apiClientId: reports.apiClientId }).from(reports).where(eq(reports.id, reportId)).get();
  if (!report || report.apiClientId !== filer.clientId) {
    throw new ActionError("not_found", "appeals.errors.reportNotFound", { reportId: ["appeals.errors.reportNotFound"] });
  }
  const decision = tx.select().from(decisions).where(eq(decisions.caseId, report.caseId)).orderBy(desc(decisions.id)).limit(1).get();
  if (!decision) throw new ActionError("conflict", "appeals.errors.notDecided", { reportId: ["appeals.errors.notDecided"] });
  return decision;
}

/** The decision a platform appeals: one on a link attributed to the platform the client acts for. */
function decisionForPlatform(tx: Tx, filer: AppealFiler, decisionId: number): DecisionRow {
  if (filer.platformId === null) throw new ActionError("forbidden", "appeals.errors.notPlatformClient");
  const row = tx
    .select({ decision: decisions, platformId: links.platformId })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .innerJoin(links, eq(links.id, cases.linkId))
    .where(eq(decisions.id, decisionId))
    .get();
  if (!row || row.platformId !== filer.platformId) {
    throw new ActionError("not_found", "appeals.errors.decisionNotFound", { decisionId: ["appeals.errors.decisionNotFound"] });
  }
  return row.decision;
}

export function fileAppeal(db: Db, filer: AppealFiler, raw: unknown, options: Options = {}): AppealReceipt {
  const parsed = appealInputSchema.safeParse(raw);
  if (!parsed.success) throw new ActionError("invalid", "errors.invalid", fieldErrors(parsed.error.issues));
  const input = parsed.data;
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const field = input.reportId !== undefined ? "reportId" : "decisionId";

  return db.transaction(
    (tx) => {
      const decision = input.reportId !== undefined ? decisionForReport(tx, filer, input.reportId) : decisionForPlatform(tx, filer, input.decisionId!);
      if (decision.reversedAt !== null) throw new ActionError("conflict", "appeals.errors.setAside", { [field]: ["appeals.errors.setAside"] });
      if (now.getTime() - Date.parse(decision.createdAt) > APPEAL_WINDOW_DAYS * DAY_MS) {
        throw new ActionError("invalid", "appeals.errors.windowClosed", { [field]: ["appeals.errors.windowClosed"] });
      }
      // An appeal that could not overturn anything (the case reopened by new evidence, a newer case on
      // the link) is refused now rather than left for a senior to find undecidable.
      try {
        loadStandingDecision(tx, decision.id);
      } catch (error) {
        if (error instanceof ActionError) throw new ActionError("conflict", "appeals.errors.caseMovedOn", { [field]: ["appeals.errors.caseMovedOn"] });
        throw error;
      }
      const pending = tx
        .select({ id: appeals.id })
        .from(appeals)
        .where(and(eq(appeals.decisionId, decision.id), eq(appeals.status, "pending")))
        .get();
      if (pending) throw new ActionError("conflict", "appeals.errors.alreadyPending", { [field]: ["appeals.errors.alreadyPending"] });

      const row = { decisionId: decision.id, appellant: input.appellant, apiClientId: filer.clientId, reason: input.reason, status: "pending" as const, submittedAt: at };
      const appealId = tx.insert(appeals).values(row).returning({ id: appeals.id }).get().id;
      recordAudit(tx, {
        actorId: null,
        action: "appeal.filed",
        targetType: "appeal",
        targetId: appealId,
        after: { ...row, caseId: decision.caseId, reportId: input.reportId ?? null },
        requestId: options.requestId ?? null,
        at,
      });
      return { appealId, status: "pending", decisionId: decision.id, appellant: input.appellant, submittedAt: at };
    },
    { behavior: "immediate" },
  );
}
