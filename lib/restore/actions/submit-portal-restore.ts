import { sharedLimiter } from "@/lib/api/rate-limit";
import { ActionError } from "@/lib/auth/action-result";
import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { portalRestoreFormSchema } from "../schemas";
import { submitRestoreRequest } from "../submit";

/** The public restore form: anyone may ask, limited per address like the complaint portal. */
export const submitPortalRestore = defineAction({
  name: "restore.request_portal",
  permission: "public",
  input: portalRestoreFormSchema,
  handler: (input, { origin, requestId }) => {
    // Its own bucket of the portal's per-address limiter: complaints and restore requests do not
    // use up each other's allowance.
    const byAddress = sharedLimiter("portal-ip").take(`restore-ip:${origin.ip ?? "unknown"}`, env().PORTAL_REPORTS_PER_IP_PER_MINUTE);
    if (!byAddress.ok) throw new ActionError("rate_limited", "restore.errors.rateLimited");
    const receipt = submitRestoreRequest(getDb(), { ...input, source: "portal" }, { requestId });
    return { trackingCode: receipt.trackingCode, level: receipt.verdict.level };
  },
});
