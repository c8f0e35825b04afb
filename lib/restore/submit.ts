// A link owner or platform asks to lift the verdict that restricts a link (DESIGN.md "restore
// request"), from the portal or the client API. The request names the verdict in force when it was
// made, so a senior moderator reviews exactly what the requester saw; one request per verdict waits
// at a time. Every refusal is thrown before the first write.
import { and, eq } from "drizzle-orm";
import { links, restoreRequests } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { canonicalize } from "@/lib/links/canonicalize";
import { linkFromPasted } from "@/lib/reports/pasted-link";
import { newTrackingCode } from "@/lib/reports/tracking-code";
import { type Verdict, verdictFor } from "@/lib/verdicts/in-force";
import { type RequesterKind, restoreInputSchema } from "./schemas";

export type NewRestoreRequest = {
  /** The blocked link, or share text with it (kept as the request's raw input). */
  url: unknown;
  /** With several links in share text: the one meant (the portal asks; the API takes the first). */
  chosenUrl?: string | null;
  requester: unknown;
  contact: unknown;
  explanation: unknown;
  source: "portal" | "api";
  apiClientId?: number | null;
};

export type RestoreReceipt = {
  id: number;
  trackingCode: string;
  status: "pending";
  canonicalUrl: string;
  requester: RequesterKind;
  verdict: { id: number; level: Verdict["level"]; category: string; scope: Verdict["scope"] };
  submittedAt: string;
  /** Set when the link was taken out of share text: which link, and how many the text held. */
  shareText: { filedUrl: string; linksFound: number } | null;
};

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

export function submitRestoreRequest(db: Db, raw: NewRestoreRequest, options: Options = {}): RestoreReceipt {
  const parsed = restoreInputSchema.safeParse(raw);
  if (!parsed.success) throw new ActionError("invalid", "errors.invalid", fieldErrors(parsed.error.issues));
  const input = parsed.data;
  const pasted = linkFromPasted(input.url, { chosen: raw.chosenUrl, askWhenSeveral: raw.source === "portal" });
  const canonical = canonicalize(pasted.url);
  if (!canonical.ok) throw new ActionError("invalid", "errors.invalid", { url: [`validation.url.${canonical.reason}`] });
  const now = options.now ?? new Date();
  const at = now.toISOString();

  return db.transaction(
    (tx) => {
      // The verdict that holds on the link as the requester spelled it (any spelling, any scope).
      const verdict = verdictFor(tx, canonical.link, now);
      // A restore request is about a link we handled: the link itself, or the one the verdict was
      // decided on (a path or host block holds on links nobody reported). A domain block has no such
      // link, so a URL never seen on that domain cannot be what a decision blocked.
      const link =
        tx.select({ id: links.id, canonicalUrl: links.canonicalUrl }).from(links).where(eq(links.urlHash, canonical.link.urlHash)).get() ??
        (verdict?.linkId ? tx.select({ id: links.id, canonicalUrl: links.canonicalUrl }).from(links).where(eq(links.id, verdict.linkId)).get() : undefined);
      if (!link) throw new ActionError("not_found", "restore.errors.unknownLink", { url: ["restore.errors.unknownLink"] });
      if (!verdict) throw new ActionError("not_found", "restore.errors.notRestricted", { url: ["restore.errors.notRestricted"] });
      if (pendingFor(tx, verdict.id)) {
        // The other request's code is not given out: it opens that requester's status page.
        throw new ActionError("conflict", "restore.errors.alreadyPending", { url: ["restore.errors.alreadyPending"] });
      }

      const row = {
        linkId: link.id,
        verdictId: verdict.id,
        requester: input.requester,
        source: raw.source,
        apiClientId: raw.apiClientId ?? null,
        rawUrl: input.url,
        contact: input.contact,
        explanation: input.explanation,
        status: "pending" as const,
        submittedAt: at,
      };
      const { id, trackingCode } = insertWithCode(tx, row);
      recordAudit(tx, {
        actorId: null,
        action: "restore.requested",
        targetType: "restore_request",
        targetId: id,
        // The contact stays out of the append-only trail: it is personal data the row alone keeps.
        after: {
          trackingCode,
          linkId: link.id,
          verdictId: verdict.id,
          level: verdict.level,
          scope: verdict.scope,
          requester: input.requester,
          source: raw.source,
          apiClientId: row.apiClientId,
          explanation: input.explanation,
        },
        requestId: options.requestId ?? null,
        at,
      });
      return {
        id,
        trackingCode,
        status: "pending",
        canonicalUrl: link.canonicalUrl,
        requester: input.requester,
        verdict: { id: verdict.id, level: verdict.level, category: verdict.category, scope: verdict.scope },
        submittedAt: at,
        shareText: pasted.shareText && { filedUrl: pasted.url, linksFound: pasted.shareText.linksFound },
      };
    },
    { behavior: "immediate" },
  );
}

function pendingFor(tx: Tx, verdictId: number) {
  return tx
    .select({ id: restoreRequests.id })
    .from(restoreRequests)
    .where(and(eq(restoreRequests.verdictId, verdictId), eq(restoreRequests.status, "pending")))
    .get();
}

function insertWithCode(tx: Tx, row: Omit<typeof restoreRequests.$inferInsert, "trackingCode">) {
  // A tracking-code collision (1 in 10^12) is retried rather than failing the request.
  for (let attempt = 0; ; attempt += 1) {
    const trackingCode = newTrackingCode();
    const taken = tx.select({ id: restoreRequests.id }).from(restoreRequests).where(eq(restoreRequests.trackingCode, trackingCode)).get();
    if (taken && attempt < 3) continue;
    const { id } = tx.insert(restoreRequests).values({ ...row, trackingCode }).returning({ id: restoreRequests.id }).get();
    return { id, trackingCode };
  }
}
