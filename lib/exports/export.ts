// GET /api/export/decisions and /api/export/events, pure of Next.js: the route handlers pass the
// request and the signed-in actor. Rows are streamed as SQLite reads them: a statement's iterator
// feeds a ReadableStream whose pull() is only called when the consumer wants more, so memory stays
// constant whatever the size. The export reads on a connection of its own, in one read transaction:
// the rows, the count and the chain head in the manifest are one consistent snapshot, and the
// process's shared connection stays free for everyone else (an open better-sqlite3 iterator keeps
// its connection busy). When the last byte has been produced, the manifest (row count, SHA-256 of
// the exact bytes sent, filters, chain head) is written as the `after` of an "export.created" audit
// event in its own transaction, before the stream is closed: an export nobody can account for never
// completes. It is served at /api/export/manifests/<id>, named in the X-Export-Manifest header.
import { createHash, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { recordAudit } from "@/lib/audit/record";
import { decisionColumns, decisionExportQuery } from "@/lib/audit/decision-log";
import { eventColumns, eventExportQuery } from "@/lib/audit/event-search";
import { type DecisionFilters, type EventFilters, parseDecisionFilters, parseEventFilters, rangeName } from "@/lib/audit/filters";
import type { Actor } from "@/lib/auth/actor";
import { type Permission, can } from "@/lib/auth/permissions";
import { getDb, getSqlite } from "@/lib/db";
import { BOM, type CellKind, csvLine, headerLine } from "./csv";
import { ndjsonKeys, ndjsonLine } from "./ndjson";

export type ExportKind = "decisions" | "events";
export type ExportFormat = "csv" | "ndjson";

export const exportPermission: Record<ExportKind, Permission> = { decisions: "exports.decisions", events: "exports.events" };

/** The manifest of a completed export: what the audit event records and the manifest URL serves. */
export type ExportManifest = {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  filename: string;
  filters: DecisionFilters | EventFilters;
  columns: string[];
  rows: number;
  bytes: number;
  sha256: string;
  /** The last audit event when the export's snapshot was taken (null: an empty log). */
  chainHead: { seq: number; hash: string } | null;
  startedAt: string;
  completedAt: string;
};

const CHUNK_BYTES = 64 * 1024;

const plain = (status: number, body: string, extra: Record<string, string> = {}) =>
  new Response(`${body}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra } });

export const manifestPath = (id: string) => `/api/export/manifests/${id}`;

/** Records a refused attempt: who, what, with which query string. */
export function recordRefusal(actor: Actor, kind: ExportKind | "manifest", permission: Permission, query: string, requestId: string | null) {
  getDb().transaction(
    (tx) =>
      recordAudit(tx, {
        actorId: actor.id,
        action: "export.refused",
        targetType: "export",
        targetId: kind,
        after: { kind, permission, role: actor.role, query },
        requestId,
      }),
    { behavior: "immediate" },
  );
}

export type ExportOptions = {
  /** Rows per chunk are read until a chunk holds this many bytes. */
  chunkBytes?: number;
  now?: () => Date;
};

export function handleExport(kind: ExportKind, request: Request, actor: Actor | null, options: ExportOptions = {}): Response {
  const url = new URL(request.url);
  const requestId = request.headers.get("x-request-id");
  if (!actor) return plain(401, "Sign in to export.");
  const permission = exportPermission[kind];
  if (!can(actor.role, permission)) {
    recordRefusal(actor, kind, permission, url.search, requestId);
    return plain(403, `Your role (${actor.role}) may not export ${kind}.`);
  }

  const params = new URLSearchParams(url.searchParams);
  const format = params.get("format") ?? "csv";
  const problems: string[] = [];
  if (params.getAll("format").length > 1) problems.push(`"format" is given more than once`);
  else if (format !== "csv" && format !== "ndjson") problems.push(`"format" must be csv or ndjson, got "${format}"`);
  const parsed = kind === "decisions" ? parseDecisionFilters(params, ["format"]) : parseEventFilters(params, ["format"]);
  if (!parsed.ok) problems.push(...parsed.problems);
  if (problems.length > 0 || !parsed.ok) return plain(400, `The export was refused:\n- ${problems.join("\n- ")}`);

  const filters = parsed.filters;
  const query = kind === "decisions" ? decisionExportQuery(filters as DecisionFilters) : eventExportQuery(filters as EventFilters);
  const columns = (kind === "decisions" ? decisionColumns : eventColumns) as readonly (readonly [string, string, CellKind])[];
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const id = randomUUID();
  const filename = `linkdesk-${kind}-${rangeName(filters)}.${format}`;

  // The export's own connection and snapshot.
  const reader = new Database(getSqlite().name, { readonly: true, fileMustExist: true });
  let rows: IterableIterator<unknown[]>;
  let total: number;
  let chainHead: { seq: number; hash: string } | null;
  try {
    reader.pragma("busy_timeout = 5000");
    reader.exec("begin");
    chainHead = (reader.prepare("select seq, hash from audit_events order by seq desc limit 1").get() as { seq: number; hash: string } | undefined) ?? null;
    total = (reader.prepare(query.countSql).get(...query.params) as { n: number }).n;
    rows = reader.prepare(query.sql).raw(true).iterate(...query.params) as IterableIterator<unknown[]>;
  } catch (error) {
    reader.close();
    throw error;
  }

  const names = columns.map(([name]) => name);
  const kinds = columns.map(([, , k]) => k);
  const encoder = new TextEncoder();
  const hash = createHash("sha256");
  let count = 0;
  let bytes = 0;
  let started = false;
  let finished = false;

  const release = () => {
    if (finished) return;
    finished = true;
    try {
      rows.return?.();
      reader.exec("commit");
    } finally {
      reader.close();
    }
  };

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const chunk = encoder.encode(text);
    hash.update(chunk);
    bytes += chunk.byteLength;
    controller.enqueue(chunk);
  };

  const keys = ndjsonKeys(names);
  const rowText = format === "csv" ? (values: unknown[]) => csvLine(kinds, values) : (values: unknown[]) => ndjsonLine(keys, values);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;

  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          let text = "";
          if (!started) {
            started = true;
            if (format === "csv") text = BOM + headerLine(names);
          }
          while (text.length < chunkBytes) {
            const next = rows.next();
            if (next.done) {
              if (text) emit(controller, text);
              release();
              const manifest: ExportManifest = {
                id, kind, format: format as ExportFormat, filename, filters, columns: names, rows: count, bytes,
                sha256: hash.digest("hex"), chainHead, startedAt, completedAt: now().toISOString(),
              };
              getDb().transaction(
                (tx) => recordAudit(tx, { actorId: actor.id, action: "export.created", targetType: "export", targetId: id, after: manifest, requestId }),
                { behavior: "immediate" },
              );
              controller.close();
              return;
            }
            text += rowText(next.value);
            count += 1;
          }
          emit(controller, text);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      cancel() {
        // The consumer went away: the partial file is not an export; say so in the trail.
        release();
        getDb().transaction(
          (tx) =>
            recordAudit(tx, {
              actorId: actor.id, action: "export.abandoned", targetType: "export", targetId: id,
              after: { kind, format, filters, rowsSent: count, bytesSent: bytes }, requestId,
            }),
          { behavior: "immediate" },
        );
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-export-id": id,
      "x-export-rows": String(total),
      "x-export-manifest": manifestPath(id),
      link: `<${manifestPath(id)}>; rel="describedby"`,
    },
  });
}
