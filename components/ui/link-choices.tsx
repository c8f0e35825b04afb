"use client";
import { useTranslations } from "next-intl";

/** The links found in pasted share text, when it held several: the person picks one and sends again. */
export function LinkChoices({ choices }: { choices: string[] }) {
  const t = useTranslations("report");
  return (
    <fieldset className="mt-2 rounded border border-amber-300 bg-amber-50 p-3" data-testid="link-choices">
      <legend className="px-1 text-sm font-medium">{t("chooseLink")}</legend>
      {choices.map((choice, i) => (
        <label key={choice} className="mt-1 flex items-start gap-2 break-all font-mono text-sm">
          <input type="radio" name="chosenUrl" value={choice} defaultChecked={i === 0} className="mt-1" />
          {choice}
        </label>
      ))}
    </fieldset>
  );
}
