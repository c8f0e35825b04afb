// Editing the platform registry (DESIGN.md: managers and admins). Each change and its audit event
// commit together, refusals write nothing, and the in-memory domain index is invalidated once the
// change has committed.
//
// Links already attributed keep their platform when the registry changes: a link is attributed when
// it is reported, so a domain added or removed here applies to links reported from now on. (A later
// step may re-attribute existing links; nothing here does.)
import { eq } from "drizzle-orm";
import { platformDomains, platforms } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { invalidateDomainIndex } from "./domain-index";
import { INDEPENDENT_PLATFORM } from "./registry";
import { type NewPlatform, type NewPlatformDomain, domainProblem, slugProblem } from "./schemas";

type Who = { actorId: number | null; requestId?: string | null };

export function createPlatform(db: Db, who: Who, input: NewPlatform) {
  const slug = input.slug.trim().toLowerCase();
  const slugError = slugProblem(slug);
  if (slugError) throw new ActionError("invalid", "errors.invalid", { slug: [slugError] });
  const fields = { slug, name: input.name.trim(), nameZh: input.nameZh.trim(), kind: input.kind };
  const created = db.transaction(
    (tx) => {
      // "independent" is the catch-all's slug even before the catch-all exists (domain-index.ts).
      const taken = slug === INDEPENDENT_PLATFORM.slug || tx.select({ id: platforms.id }).from(platforms).where(eq(platforms.slug, slug)).get();
      if (taken) throw new ActionError("conflict", "platforms.errors.slugTaken", { slug: ["platforms.errors.slugTaken"] });
      const row = tx.insert(platforms).values({ ...fields, createdAt: nowIso() }).returning({ id: platforms.id }).get();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "platform.created",
        targetType: "platform",
        targetId: row.id,
        after: fields,
        requestId: who.requestId,
      });
      return { id: row.id, ...fields };
    },
    { behavior: "immediate" },
  );
  invalidateDomainIndex();
  return created;
}

export function addPlatformDomain(db: Db, who: Who, input: NewPlatformDomain) {
  const domain = input.domain.trim().toLowerCase();
  const domainError = domainProblem(domain);
  if (domainError) throw new ActionError("invalid", "errors.invalid", { domain: [domainError] });
  const added = db.transaction(
    (tx) => {
      const platform = tx.select().from(platforms).where(eq(platforms.id, input.platformId)).get();
      if (!platform) throw new ActionError("not_found", "platforms.errors.platformNotFound");
      if (platform.isIndependent) throw new ActionError("conflict", "platforms.errors.independentHasNoDomains");
      const owner = tx
        .select({ slug: platforms.slug })
        .from(platformDomains)
        .innerJoin(platforms, eq(platforms.id, platformDomains.platformId))
        .where(eq(platformDomains.domain, domain))
        .get();
      if (owner) {
        // `takenBy` names the owner (by slug, the same in both languages) for the form to show.
        throw new ActionError("conflict", "platforms.errors.domainTaken", {
          domain: ["platforms.errors.domainTaken"],
          takenBy: [owner.slug],
        });
      }
      const row = tx
        .insert(platformDomains)
        .values({ platformId: platform.id, domain, kind: input.kind, createdAt: nowIso() })
        .returning({ id: platformDomains.id })
        .get();
      const after = { id: row.id, domain, kind: input.kind };
      recordAudit(tx, {
        actorId: who.actorId,
        action: "platform.domain_added",
        targetType: "platform",
        targetId: platform.id,
        after,
        requestId: who.requestId,
      });
      return { ...after, platformId: platform.id };
    },
    { behavior: "immediate" },
  );
  invalidateDomainIndex();
  return added;
}

export function removePlatformDomain(db: Db, who: Who, input: { domainId: number }) {
  const removed = db.transaction(
    (tx) => {
      const row = tx.select().from(platformDomains).where(eq(platformDomains.id, input.domainId)).get();
      if (!row) throw new ActionError("not_found", "platforms.errors.domainNotFound");
      tx.delete(platformDomains).where(eq(platformDomains.id, row.id)).run();
      const before = { id: row.id, domain: row.domain, kind: row.kind };
      recordAudit(tx, {
        actorId: who.actorId,
        action: "platform.domain_removed",
        targetType: "platform",
        targetId: row.platformId,
        before,
        requestId: who.requestId,
      });
      return { ...before, platformId: row.platformId };
    },
    { behavior: "immediate" },
  );
  invalidateDomainIndex();
  return removed;
}
