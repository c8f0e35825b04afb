// GET /fairness/csv?from=…&to=…&category=…: the fairness page's table as a CSV download, for the
// same people and the same period as the page.
import { type NextRequest, NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionError } from "@/lib/auth/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { fairnessCsv } from "@/lib/fairness/csv";
import { fairnessReport } from "@/lib/fairness/report";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new NextResponse(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(request: NextRequest) {
  const actor = await currentActor();
  if (!actor) {
    const back = request.nextUrl.pathname + request.nextUrl.search;
    return NextResponse.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(back)}`, request.url), 307);
  }
  const t = await getTranslations();
  if (!can(actor.role, "fairness.view")) return text(t("errors.forbidden"), 403);

  const params = request.nextUrl.searchParams;
  const value = (name: string) => {
    const all = params.getAll(name);
    return all.length === 0 ? undefined : all.join(",");
  };
  try {
    const report = fairnessReport(getDb(), { from: value("from"), to: value("to"), category: value("category") }, { timeZone: actor.timeZone });
    const { from, to, category } = report.period;
    const filename = `fairness-${from}-to-${to}${category ? `-${category}` : ""}.csv`;
    return new NextResponse(fairnessCsv(report, await getLocale()), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    const messages = Object.values(error.fieldErrors ?? {}).flat().map((key) => (t.has(key) ? t(key) : t("validation.invalid")));
    return text([t("fairness.errorsTitle"), ...messages].join("\n"), 400);
  }
}
