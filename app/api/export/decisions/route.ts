// GET /api/export/decisions?format=csv|ndjson&…filters: streamed, with a manifest (lib/exports/export.ts).
import { currentActor } from "@/lib/auth/current-actor";
import { handleExport } from "@/lib/exports/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleExport("decisions", request, await currentActor());
}
