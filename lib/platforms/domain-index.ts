// The platform registry in memory, for attributing every reported or looked-up link without a query.
// Cached process-wide on globalThis: the custom server and Next's bundled server code are two copies
// of this module in one process (see lib/db/index.ts), and both must see one index and one
// invalidation. Registry mutations call invalidateDomainIndex() after their transaction commits; the
// next domainIndex() call rebuilds.
import { asc, eq } from "drizzle-orm";
import { platformDomains, platforms } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";
import { INDEPENDENT_PLATFORM } from "./registry";
import type { PlatformDomainKind } from "./kinds";

export type DomainEntry = { platformId: number; slug: string; name: string; kind: PlatformDomainKind };

export type DomainIndex = {
  /** Registered domain (lowercase, no trailing dot) → the platform that owns it. */
  domains: ReadonlyMap<string, DomainEntry>;
  /** The catch-all platform every unattributed host belongs to. */
  independentPlatformId: number;
};

// Keyed by the SQLite connection, not the drizzle wrapper: each module copy wraps the one connection.
type Cache = { version: number; built: { version: number; connection: unknown; index: DomainIndex } | null };
const globalCache = globalThis as unknown as { __linkdeskDomainIndex?: Cache };

function cache(): Cache {
  return (globalCache.__linkdeskDomainIndex ??= { version: 0, built: null });
}

/** The current index of `db`'s registry, rebuilt when it was invalidated or `db` is another handle. */
export function domainIndex(db: Db): DomainIndex {
  const c = cache();
  if (c.built && c.built.version === c.version && c.built.connection === db.$client) return c.built.index;
  const version = c.version;
  const index = buildDomainIndex(db);
  c.built = { version, connection: db.$client, index };
  return index;
}

/** Marks the index stale; call after every committed registry change. */
export function invalidateDomainIndex(): void {
  cache().version += 1;
}

function buildDomainIndex(db: Db): DomainIndex {
  const rows = db
    .select({
      domain: platformDomains.domain,
      kind: platformDomains.kind,
      platformId: platforms.id,
      slug: platforms.slug,
      name: platforms.name,
    })
    .from(platformDomains)
    .innerJoin(platforms, eq(platforms.id, platformDomains.platformId))
    .all();
  const domains = new Map<string, DomainEntry>();
  for (const { domain, ...entry } of rows) domains.set(domain, entry);
  return { domains, independentPlatformId: independentPlatformId(db) };
}

/**
 * The independent platform's id. The demo seed loads it; a production database starts with an empty
 * registry (migrations insert no rows), so the first index build creates it, audited as a change
 * made by the system (no actor).
 */
function independentPlatformId(db: Db): number {
  const find = (q: Pick<Db, "select">) =>
    q.select({ id: platforms.id }).from(platforms).where(eq(platforms.isIndependent, true)).orderBy(asc(platforms.id)).limit(1).get()?.id;
  const existing = find(db);
  if (existing !== undefined) return existing;
  return db.transaction(
    (tx) => {
      const raced = find(tx);
      if (raced !== undefined) return raced;
      const { slug, name, nameZh, kind } = INDEPENDENT_PLATFORM;
      const created = tx
        .insert(platforms)
        .values({ slug, name, nameZh, kind, isIndependent: true, createdAt: nowIso() })
        .returning({ id: platforms.id })
        .get();
      recordAudit(tx, { actorId: null, action: "platform.created", targetType: "platform", targetId: created.id, after: { slug, name, nameZh, kind } });
      return created.id;
    },
    { behavior: "immediate" },
  );
}
