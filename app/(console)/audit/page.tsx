import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/require-page";

/** The audit trail moved to /audit/events (with filters); old links and bookmarks still land there. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePage("audit.search");
  const before = Number((await searchParams).before);
  redirect(Number.isInteger(before) && before > 0 ? `/audit/events?before=${before}` : "/audit/events");
}
