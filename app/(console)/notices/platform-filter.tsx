import Form from "next/form";
import { getTranslations } from "next-intl/server";
import type { NoticeState } from "@/lib/notices/notice-state";

/** A GET form, so the chosen platform lives in the URL; the state tab is kept. */
export async function PlatformFilter({
  platforms,
  platformId,
  state,
}: {
  platforms: { id: number; name: string }[];
  platformId?: number;
  state?: NoticeState;
}) {
  const t = await getTranslations("notices");
  return (
    <Form action="/notices" className="flex flex-wrap items-end gap-2">
      {state && <input type="hidden" name="state" value={state} />}
      <div>
        <label htmlFor="notices-platform" className="mb-1 block text-sm font-medium">{t("platform")}</label>
        <select id="notices-platform" name="platform" defaultValue={platformId ?? ""} className="rounded border border-slate-300 bg-white px-3 py-2">
          <option value="">{t("allPlatforms")}</option>
          {platforms.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50">{t("filter")}</button>
    </Form>
  );
}
