import Form from "next/form";
import { getLocale, getTranslations } from "next-intl/server";
import { categoryCodes } from "@/lib/rules/categories";
import { categoryName } from "@/lib/rules/category-name";

const input = "rounded border border-slate-300 px-3 py-2";
const label = "mb-1 block text-sm font-medium";

type Values = { from: string; to: string; category: string };

/** The period and category, as a GET form: the report lives in the URL and can be shared. */
export async function PeriodForm({ values, errors, timeZone }: { values: Values; errors?: Record<string, string[]>; timeZone: string }) {
  const t = await getTranslations("fairness");
  const tAll = await getTranslations();
  const locale = await getLocale();
  const fieldError = (field: keyof Values) => {
    const keys = errors?.[field];
    if (!keys?.length) return null;
    return (
      <p id={`fairness-${field}-error`} className="mt-1 text-sm text-red-700">
        {keys.map((key) => (tAll.has(key) ? tAll(key) : tAll("validation.invalid"))).join(" ")}
      </p>
    );
  };
  const describedBy = (field: keyof Values) => (errors?.[field]?.length ? `fairness-${field}-error fairness-period-hint` : "fairness-period-hint");
  return (
    <Form action="/fairness" className="mb-6 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("show")}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="max-w-64">
          <label htmlFor="fairness-from" className={label}>{t("from")}</label>
          <input id="fairness-from" name="from" type="date" defaultValue={values.from} className={input} aria-invalid={Boolean(errors?.from)} aria-describedby={describedBy("from")} />
          {fieldError("from")}
        </div>
        <div className="max-w-64">
          <label htmlFor="fairness-to" className={label}>{t("to")}</label>
          <input id="fairness-to" name="to" type="date" defaultValue={values.to} className={input} aria-invalid={Boolean(errors?.to)} aria-describedby={describedBy("to")} />
          {fieldError("to")}
        </div>
        <div>
          <label htmlFor="fairness-category" className={label}>{t("category")}</label>
          <select id="fairness-category" name="category" defaultValue={values.category} className={input} aria-invalid={Boolean(errors?.category)}>
            <option value="">{t("allCategories")}</option>
            {categoryCodes.map((code) => (
              <option key={code} value={code}>{categoryName(code, locale)}</option>
            ))}
          </select>
          {fieldError("category")}
        </div>
        <button type="submit" className="mt-6 rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">{t("show")}</button>
      </div>
      <p id="fairness-period-hint" className="mt-2 text-xs text-slate-500">{t("periodHint", { timeZone })}</p>
    </Form>
  );
}
