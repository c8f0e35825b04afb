import Form from "next/form";
import { getTranslations } from "next-intl/server";

type Option = { version: number; status: "draft" | "published" };

/** Picks two versions for /rules/diff; a GET form, so the comparison lives in the URL. */
export async function CompareForm({ versions, from, to }: { versions: Option[]; from?: number; to?: number }) {
  const t = await getTranslations("rules.history");
  if (versions.length === 0) return null;
  const newest = versions[0]!.version;
  const defaultTo = to ?? newest;
  const defaultFrom = from ?? versions[1]?.version ?? newest;
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {v.status === "draft" ? t("draftOption", { version: v.version }) : v.version}
    </option>
  ));
  return (
    <Form action="/rules/diff" className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="compare-title">
      <h2 id="compare-title" className="w-full text-lg font-medium">{t("compareTitle")}</h2>
      <div>
        <label htmlFor="compare-from" className="mb-1 block text-sm font-medium">{t("from")}</label>
        <select id="compare-from" name="from" defaultValue={defaultFrom} className="rounded border border-slate-300 px-3 py-2">{options}</select>
      </div>
      <div>
        <label htmlFor="compare-to" className="mb-1 block text-sm font-medium">{t("to")}</label>
        <select id="compare-to" name="to" defaultValue={defaultTo} className="rounded border border-slate-300 px-3 py-2">{options}</select>
      </div>
      <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("compare")}</button>
    </Form>
  );
}
