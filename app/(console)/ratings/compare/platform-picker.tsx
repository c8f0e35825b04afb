import Form from "next/form";
import { getLocale, getTranslations } from "next-intl/server";
import { MAX_COMPARE, type PlatformChoice } from "@/lib/ratings/compare";

/**
 * The platforms to compare, as checkboxes in a GET form: works without script and by keyboard
 * (Tab to a box, Space to tick), and the choice lands in the URL to be shared.
 */
export async function PlatformPicker({ choices, chosen }: { choices: PlatformChoice[]; chosen: readonly number[] }) {
  const t = await getTranslations("ratingBoard");
  const locale = await getLocale();
  const selected = new Set(chosen);
  const name = (p: PlatformChoice) => (locale === "zh" ? p.nameZh : p.name);
  const collator = new Intl.Collator(locale === "zh" ? "zh-CN" : "en");
  const sorted = [...choices].sort((a, b) => collator.compare(name(a), name(b)));
  return (
    <Form action="/ratings/compare" className="mb-6 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("pickerTitle")}>
      <fieldset>
        <legend className="text-base font-medium text-slate-900">{t("pickerTitle")}</legend>
        <p id="compare-hint" className="mt-0.5 text-sm text-slate-600">{t("pickerHint", { max: MAX_COMPARE })}</p>
        <div className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
          {sorted.map((p) => (
            <label key={p.id} className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
              <input type="checkbox" name="platforms" value={p.id} defaultChecked={selected.has(p.id)} aria-describedby="compare-hint" className="mt-0.5 h-4 w-4 shrink-0" data-testid={`pick-${p.slug}`} />
              <span>{name(p)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="mt-3 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("compareSubmit")}</button>
    </Form>
  );
}
