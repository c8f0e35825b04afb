// GET /api/export/manifests/<id>: a completed export's manifest (lib/exports/manifest.ts).
import { currentActor } from "@/lib/auth/current-actor";
import { handleManifest } from "@/lib/exports/manifest";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleManifest((await params).id, request, await currentActor());
}
