import { getTimeZone } from "next-intl/server";
import { formatLocal } from "@/lib/time/format-local";

/** A stored UTC time shown in the viewer's time zone (set per request in lib/i18n/request.ts). */
export async function LocalTime({ iso, withSeconds = false }: { iso: string | null; withSeconds?: boolean }) {
  if (!iso) return <span className="text-slate-400">—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatLocal(iso, await getTimeZone(), withSeconds)}
    </time>
  );
}
