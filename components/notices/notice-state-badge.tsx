import { getTranslations } from "next-intl/server";
import type { NoticeState } from "@/lib/notices/notice-state";

const styles: Record<NoticeState, string> = {
  open: "border-sky-200 bg-sky-50 text-sky-800",
  overdue: "border-red-700 bg-red-700 text-white",
  answered_on_time: "border-green-200 bg-green-50 text-green-800",
  answered_late: "border-amber-300 bg-amber-50 text-amber-900",
};

/** A notice's state; an overdue one stands out, since it caps the platform's grade. */
export async function NoticeStateBadge({ state }: { state: NoticeState }) {
  const t = await getTranslations("notices.states");
  return (
    <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${styles[state]}`} data-state={state}>
      {t(state)}
    </span>
  );
}
