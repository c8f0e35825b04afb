"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import type { LadderStep } from "@/db/schema";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { MAX_LADDER_STEPS, ladderLevels } from "@/lib/rules/draft-limits";
import { updateDraftRule } from "../actions";

type Unit = "hours" | "days" | "untilLifted";
const units: Unit[] = ["hours", "days", "untilLifted"];

/** A ladder step as the form holds it: a duration is typed as an amount of hours or days. */
type StepField = { key: number; level: string; unit: Unit; amount: string };

function toField(step: LadderStep, key: number): StepField {
  const hours = step.durationHours;
  if (hours === null) return { key, level: step.level, unit: "untilLifted", amount: "" };
  if (hours % 24 === 0) return { key, level: step.level, unit: "days", amount: String(hours / 24) };
  return { key, level: step.level, unit: "hours", amount: String(hours) };
}

/** What is sent: hours, or what was typed when it is not a number, so the server can say why. */
function toStep(field: StepField): { level: string; durationHours: number | string | null } {
  if (field.unit === "untilLifted") return { level: field.level, durationHours: null };
  const text = field.amount.trim();
  const amount = Number(text);
  if (text === "" || !Number.isFinite(amount)) return { level: field.level, durationHours: text };
  return { level: field.level, durationHours: field.unit === "days" ? amount * 24 : amount };
}

export type EditableRule = {
  ladder: LadderStep[];
  allowsDomainBlock: boolean;
  domainBlockThreshold: number | null;
  reasonEn: string;
  reasonZh: string;
};

type Props = { version: number; category: string; title: string; fixedLine: string; changed: boolean; rule: EditableRule };

const input = "rounded border border-slate-300 px-2 py-1";
const label = "mb-1 block text-sm font-medium";
const smallButton = "rounded border border-slate-300 px-2 py-1 text-sm disabled:opacity-50";

/** One rule of the draft, saved on its own. */
export function RuleEditor({ version, category, title, fixedLine, changed, rule }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ changed: boolean }> | undefined, FormData>(updateDraftRule, undefined);
  const [steps, setSteps] = useState(() => rule.ladder.map(toField));
  const [nextKey, setNextKey] = useState(rule.ladder.length);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = (name: string) => `${category}-${name}`;

  const change = (key: number, patch: Partial<StepField>) => setSteps((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const add = () => {
    setSteps((all) => [...all, { ...all[all.length - 1]!, key: nextKey }]);
    setNextKey((k) => k + 1);
  };
  const remove = (key: number) => setSteps((all) => all.filter((s) => s.key !== key));

  return (
    <section aria-labelledby={id("title")} data-testid={`draft-rule-${category}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <ActionForm action={action} noValidate className="grid gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={id("title")} className="text-lg font-medium">{title}</h2>
            {changed && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t("rules.draft.changed")}</span>}
          </div>
          <p className="text-xs text-slate-500">{fixedLine}</p>
        </div>
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="category" value={category} />
        <input type="hidden" name="ladder" value={JSON.stringify(steps.map(toStep))} />

        <fieldset aria-describedby={id("ladder-hint")}>
          <legend className={label}>{t("rules.draft.ladderTitle")}</legend>
          <p id={id("ladder-hint")} className="mb-2 max-w-3xl text-xs text-slate-500">{t("rules.draft.ladderHint")}</p>
          <ol className="grid gap-2">
            {steps.map((step, index) => {
              const number = index + 1;
              const stepErrors = [...(errors?.[`ladder.${index}.level`] ?? []), ...(errors?.[`ladder.${index}.durationHours`] ?? [])];
              return (
                <li key={step.key} className="flex flex-wrap items-center gap-2">
                  <span className="w-32 text-sm text-slate-700">{t("rules.draft.offence", { number })}</span>
                  <label className="sr-only" htmlFor={id(`level-${step.key}`)}>{t("rules.draft.levelOf", { number })}</label>
                  <select id={id(`level-${step.key}`)} className={input} value={step.level} onChange={(e) => change(step.key, { level: e.target.value })}>
                    {ladderLevels.map((level) => (
                      <option key={level} value={level}>{t(`rules.levels.${level}`)}</option>
                    ))}
                  </select>
                  <label className="sr-only" htmlFor={id(`amount-${step.key}`)}>{t("rules.draft.durationOf", { number })}</label>
                  <input
                    id={id(`amount-${step.key}`)}
                    className={`${input} w-24`}
                    inputMode="numeric"
                    value={step.unit === "untilLifted" ? "" : step.amount}
                    disabled={step.unit === "untilLifted"}
                    onChange={(e) => change(step.key, { amount: e.target.value })}
                    aria-invalid={stepErrors.length > 0 || undefined}
                    aria-describedby={stepErrors.length > 0 ? id(`step-error-${index}`) : undefined}
                  />
                  <label className="sr-only" htmlFor={id(`unit-${step.key}`)}>{t("rules.draft.unitOf", { number })}</label>
                  <select id={id(`unit-${step.key}`)} className={input} value={step.unit} onChange={(e) => change(step.key, { unit: e.target.value as Unit })}>
                    {units.map((unit) => (
                      <option key={unit} value={unit}>{t(`rules.draft.units.${unit}`)}</option>
                    ))}
                  </select>
                  <button type="button" className={smallButton} disabled={steps.length === 1} onClick={() => remove(step.key)}>
                    {t("rules.draft.removeStep", { number })}
                  </button>
                  <FieldError id={id(`step-error-${index}`)} errors={stepErrors} />
                </li>
              );
            })}
          </ol>
          <button type="button" className={`${smallButton} mt-2`} disabled={steps.length >= MAX_LADDER_STEPS} onClick={add}>
            {t("rules.draft.addStep")}
          </button>
          <FieldError id={id("ladder-error")} errors={errors?.ladder} />
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <div className="flex items-start gap-2">
            <input id={id("domain-block")} type="checkbox" name="allowsDomainBlock" value="true" defaultChecked={rule.allowsDomainBlock} className="mt-1" />
            <label htmlFor={id("domain-block")} className="text-sm font-medium">{t("rules.draft.allowsDomainBlock")}</label>
            <FieldError id={id("domain-block-error")} errors={errors?.allowsDomainBlock} />
          </div>
          <div>
            <label htmlFor={id("threshold")} className={label}>{t("rules.draft.threshold")}</label>
            <input
              id={id("threshold")}
              name="domainBlockThreshold"
              inputMode="numeric"
              className={`${input} w-24`}
              defaultValue={rule.domainBlockThreshold ?? ""}
              aria-describedby={`${id("threshold-hint")} ${id("threshold-error")}`}
            />
            <p id={id("threshold-hint")} className="mt-1 text-xs text-slate-500">{t("rules.draft.thresholdHint")}</p>
            <FieldError id={id("threshold-error")} errors={errors?.domainBlockThreshold} />
          </div>
          <div>
            <label htmlFor={id("reason-en")} className={label}>{t("rules.draft.reasonEn")}</label>
            <textarea id={id("reason-en")} name="reasonEn" lang="en" rows={3} className={`${input} w-full`} defaultValue={rule.reasonEn} aria-describedby={id("reason-en-error")} />
            <FieldError id={id("reason-en-error")} errors={errors?.reasonEn} />
          </div>
          <div>
            <label htmlFor={id("reason-zh")} className={label}>{t("rules.draft.reasonZh")}</label>
            <textarea id={id("reason-zh")} name="reasonZh" lang="zh" rows={3} className={`${input} w-full`} defaultValue={rule.reasonZh} aria-describedby={id("reason-zh-error")} />
            <FieldError id={id("reason-zh-error")} errors={errors?.reasonZh} />
          </div>
        </div>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {t("rules.draft.save")}
          </button>
          {state?.ok && <p role="status" className="text-sm text-green-800">{state.data.changed ? t("rules.draft.saved") : t("rules.draft.noChange")}</p>}
        </div>
        <FormMessage result={state} />
      </ActionForm>
    </section>
  );
}
