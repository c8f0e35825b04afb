import type { RouteContext } from "../router";
import { getSqlite } from "@/lib/db";
import { sendJson } from "../http";
import { loadState } from "../load-shedding";
import { appVersion } from "../version";

/** Public liveness and readiness: the version, and whether the database answers and is migrated. */
export function health({ res }: RouteContext) {
  let database: { status: "ok"; migrations: number } | { status: "unavailable"; error: string };
  try {
    const sqlite = getSqlite();
    const row = sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
    database = { status: "ok", migrations: row.n };
  } catch (error) {
    database = { status: "unavailable", error: error instanceof Error ? error.message : String(error) };
  }
  const ok = database.status === "ok";
  // How late the event loop runs, and how many lookups it has refused for it (lib/api/load-shedding.ts).
  sendJson(res, ok ? 200 : 503, { status: ok ? "ok" : "degraded", version: appVersion, database, load: loadState() });
}
