import { sharedLimiter } from "@/lib/api/rate-limit";
import { ActionError } from "@/lib/auth/action-result";
import { defineAction } from "@/lib/auth/define-action";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { fileReport } from "../file-report";
import { portalReporterId, reporterHash } from "../reporter-hash";
import { portalReportSchema } from "../schemas";

/** The public complaint portal: anyone may file, limited per address and per browser. */
export const filePortalReport = defineAction({
  name: "report.file_portal",
  permission: "public",
  input: portalReportSchema,
  handler: (input, { origin, requestId }) => {
    if (!origin.visitorId) throw new ActionError("invalid", "errors.invalid");
    const config = env();
    const byAddress = sharedLimiter("portal-ip").take(`ip:${origin.ip ?? "unknown"}`, config.PORTAL_REPORTS_PER_IP_PER_MINUTE);
    if (!byAddress.ok) throw new ActionError("rate_limited", "report.errors.rateLimited");
    const hash = reporterHash(portalReporterId(origin.visitorId));
    const byReporter = sharedLimiter("reporter").take(`reporter:${hash}`, config.REPORTS_PER_REPORTER_PER_MINUTE);
    if (!byReporter.ok) throw new ActionError("rate_limited", "report.errors.rateLimited");

    const filed = fileReport(getDb(), { ...input, reporterHash: hash, source: "portal" }, { requestId });
    return { trackingCode: filed.report.trackingCode, alreadyReported: filed.outcome === "duplicate" };
  },
});
