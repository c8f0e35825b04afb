// GET /api/export/manifests/<id>: the manifest of a completed export, as its "export.created" audit
// event recorded it, with that event's sequence number and hash, so it can be checked against the
// chain. Readable with the permission the export itself needed.
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getSqlite } from "@/lib/db";
import { type ExportManifest, exportPermission, recordRefusal } from "./export";

const json = (status: number, body: unknown) =>
  new Response(`${JSON.stringify(body, null, 2)}\n`, { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

export function findManifest(id: string): { manifest: ExportManifest; event: { seq: number; at: string; actorId: number | null; hash: string } } | null {
  const row = getSqlite()
    .prepare(
      `select seq, at, actor_id as actorId, hash, after from audit_events
        where target_type = 'export' and target_id = ? and action = 'export.created' order by seq limit 1`,
    )
    .get(id) as { seq: number; at: string; actorId: number | null; hash: string; after: string } | undefined;
  if (!row) return null;
  const { after, ...event } = row;
  return { manifest: JSON.parse(after) as ExportManifest, event };
}

export function handleManifest(id: string, request: Request, actor: Actor | null): Response {
  if (!actor) return json(401, { error: "Sign in to read export manifests." });
  if (!can(actor.role, "exports.decisions") && !can(actor.role, "exports.events")) {
    recordRefusal(actor, "manifest", "exports.decisions", new URL(request.url).pathname, request.headers.get("x-request-id"));
    return json(403, { error: `Your role (${actor.role}) may not read export manifests.` });
  }
  const found = /^[0-9a-f-]{36}$/.test(id) ? findManifest(id) : null;
  // Not found and not permitted look the same, so ids of other kinds' exports reveal nothing.
  if (!found || !can(actor.role, exportPermission[found.manifest.kind])) {
    return json(404, { error: "No completed export has this id (an export's manifest appears when its last byte has been sent)." });
  }
  return json(200, { ...found.manifest, auditEvent: found.event });
}
