// POST /audit/verify/jobs starts (or joins) a chain verification; GET /audit/verify/jobs?id=… reads
// its progress. For auditors and admins (audit.verify); the page's client component polls it.
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { type VerifyJob, getVerifyJob, startVerifyJob } from "@/lib/audit/verify-job";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

export type VerifyJobView = Omit<VerifyJob, "actorId">;
const view = (job: VerifyJob): VerifyJobView => {
  const { actorId, ...rest } = job;
  void actorId;
  return rest;
};

async function allowed() {
  const actor = await currentActor();
  if (!actor) return { error: json(401, { error: "Sign in first." }) };
  if (!can(actor.role, "audit.verify")) return { error: json(403, { error: "Your role may not verify the audit chain." }) };
  return { actor };
}

export async function POST(request: Request) {
  const { actor, error } = await allowed();
  if (error) return error;
  // A form post from another site must not start work in the signed-in auditor's name.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`) {
    return json(403, { error: "Cross-site request refused." });
  }
  return json(202, view(startVerifyJob(actor.id)));
}

export async function GET(request: Request) {
  const { error } = await allowed();
  if (error) return error;
  const job = getVerifyJob(new URL(request.url).searchParams.get("id") ?? "");
  return job ? json(200, view(job)) : json(404, { error: "No such verification job (jobs are kept until the server restarts)." });
}
