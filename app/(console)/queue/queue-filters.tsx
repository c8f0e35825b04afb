import Form from "next/form";
import { getTranslations } from "next-intl/server";
import { scenes } from "@/db/schema";
import { type QueueSearch, queuePrinciples } from "@/lib/queue/queue-search";

const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A GET form: every filter lives in the URL, so a view can be shared and reloaded. */
export async function QueueFilters({
  search,
  categories,
  platforms,
}: {
  search: QueueSearch;
  categories: { code: string; name: string }[];
  platforms: { id: number; name: string }[];
}) {
  const t = await getTranslations("queue");
  const label = "mb-1 block text-xs font-medium text-slate-600";
  return (
    <Form action="/queue" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="queue-filters">
      {search.tab !== "new" && <input type="hidden" name="tab" value={search.tab} />}
      <div>
        <label htmlFor="queue-q" className={label}>{t("filters.q")}</label>
        <input id="queue-q" name="q" type="search" defaultValue={search.q ?? ""} placeholder={t("filters.qPlaceholder")} className={`${field} w-56`} />
      </div>
      <div>
        <label htmlFor="queue-category" className={label}>{t("filters.category")}</label>
        <select id="queue-category" name="category" defaultValue={search.category ?? ""} className={field}>
          <option value="">{t("filters.any")}</option>
          {categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="queue-principle" className={label}>{t("filters.principle")}</label>
        <select id="queue-principle" name="principle" defaultValue={search.principle ?? ""} className={field}>
          <option value="">{t("filters.any")}</option>
          {queuePrinciples.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="queue-platform" className={label}>{t("filters.platform")}</label>
        <select id="queue-platform" name="platform" defaultValue={search.platform ?? ""} className={field}>
          <option value="">{t("filters.any")}</option>
          {platforms.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="queue-scene" className={label}>{t("filters.scene")}</label>
        <select id="queue-scene" name="scene" defaultValue={search.scene ?? ""} className={field}>
          <option value="">{t("filters.any")}</option>
          {scenes.map((s) => <option key={s} value={s}>{t(`scenes.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="queue-assignee" className={label}>{t("filters.assignee")}</label>
        <select id="queue-assignee" name="assignee" defaultValue={search.assignee === "me" ? "me" : ""} className={field}>
          <option value="">{t("filters.anyone")}</option>
          <option value="me">{t("filters.me")}</option>
        </select>
      </div>
      <label className="flex items-center gap-2 pb-1.5 text-sm">
        <input type="checkbox" name="breached" value="1" defaultChecked={search.breached ?? false} />
        {t("filters.breached")}
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-slate-50">{t("filters.apply")}</button>
    </Form>
  );
}
