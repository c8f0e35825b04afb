"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { decideCase } from "./actions";
import { EscalateForm } from "./escalate-form";
import { KeyHelp } from "./key-help";
import { LeaseKeeper, type LeaseState } from "./lease-keeper";
import { UndoButton } from "./decision-buttons";

export type CategoryOption = {
  code: string;
  name: string;
  recommendation: { level: string; durationHours: number | null; scope: "url" | "domain"; alsoSanctionProvider: boolean; explanation: string };
  durations: (number | null)[];
};

type Decided = { decisionId: number; caseId: number; nextCaseId: number | null };
type Outcome = "violation" | "no_violation" | "insufficient_evidence";

// L5 (provider sanction) is not a level: it is decided beside one, with the "sanction" box.
const LEVELS = ["L0", "L1", "L2", "L3", "L4"] as const;
type Scope = "url" | "path" | "host";

/** Keys typed into a field belong to the field, not to the shortcuts. */
function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function DecisionForm(props: {
  caseId: number;
  caseVersion: number;
  status: "open" | "escalated";
  claimedCategory: string;
  categories: CategoryOption[];
  senior: boolean;
  independent: boolean;
  /** Directories of the link a path scope can be set on (lib/verdicts/expressions.ts pathScopeChoices). */
  pathChoices: string[];
  host: string;
  registrableDomain: string;
  mayDecide: boolean;
  queue: string | null;
  lease: LeaseState;
}) {
  const t = useTranslations("case.form");
  const tc = useTranslations();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const andNextRef = useRef<HTMLInputElement>(null);
  const [lease, setLease] = useState(props.lease);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<Decided> | undefined>();
  const [outcome, setOutcome] = useState<Outcome>("violation");
  const [category, setCategory] = useState(props.claimedCategory);
  const option = props.categories.find((c) => c.code === category) ?? props.categories[0]!;
  const [level, setLevel] = useState<string>(option.recommendation.level);
  const [duration, setDuration] = useState<string>(option.recommendation.durationHours === null ? "" : String(option.recommendation.durationHours));
  const [rationale, setRationale] = useState(option.recommendation.explanation);
  const mayHostScope = props.independent || props.senior;
  const maySanction = props.senior && !props.independent;
  const [scope, setScope] = useState<Scope>("url");
  const [scopePath, setScopePath] = useState(props.pathChoices.at(-1) ?? "");
  const [sanction, setSanction] = useState(maySanction && option.recommendation.alsoSanctionProvider);
  const [showKeys, setShowKeys] = useState(false);
  const [escalating, setEscalating] = useState(false);

  const allowed = (l: string, o: CategoryOption = option) =>
    l === "L0"
      ? true
      : l === "L4"
        ? props.senior && o.recommendation.scope === "domain"
        : true;
  const levelsFor = (o: Outcome) => (o === "violation" ? LEVELS.filter((l) => l !== "L0" && allowed(l)) : (["L0"] as const));

  function recommended(code: string = category) {
    const o = props.categories.find((c) => c.code === code) ?? option;
    setOutcome("violation");
    setLevel(allowed(o.recommendation.level, o) ? o.recommendation.level : "L3");
    setDuration(o.recommendation.durationHours === null ? "" : String(o.recommendation.durationHours));
    setRationale(o.recommendation.explanation);
    setSanction(maySanction && o.recommendation.alsoSanctionProvider);
  }
  function noViolation(o: Outcome = "no_violation") {
    setOutcome(o);
    setLevel("L0");
    setDuration("");
    setSanction(false);
  }
  const submit = (andNext: boolean) => {
    if (!formRef.current || pending) return;
    andNextRef.current!.value = andNext ? "1" : "0";
    const data = new FormData(formRef.current);
    startTransition(async () => {
      const answer = await decideCase(undefined, data);
      setResult(answer);
      if (answer.ok && andNext) {
        const queue = props.queue ? `queue=${encodeURIComponent(props.queue)}&` : "";
        const next = answer.data.nextCaseId;
        router.push(next ? `/cases/${next}?${queue}undo=${answer.data.decisionId}` : `/queue${props.queue ? `?${props.queue}` : ""}`);
      } else if (answer.ok) router.refresh();
    });
  };

  const canSubmit = props.mayDecide && lease.mine;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === "?") setShowKeys((v) => !v);
      else if (event.key === "Escape") setShowKeys(false);
      else if (!canSubmit) return;
      else if (event.key === "a") recommended();
      else if (event.key === "d") noViolation();
      else if (event.key === "e") setEscalating(true);
      else if (event.key === "n") submit(true);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (result?.ok) {
    return (
      <div role="status" className="space-y-2 rounded border border-green-300 bg-green-50 p-3 text-sm" data-testid="decided">
        <p>{t("decided")}</p>
        <UndoButton decisionId={result.data.decisionId} />
      </div>
    );
  }

  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const conflict = errors?.currentVersion ? { version: errors.currentVersion[0]!, status: errors.currentStatus?.[0] ?? "" } : null;
  const durations = [...new Set<number | null>([null, ...option.durations, option.recommendation.durationHours])];
  const violation = outcome === "violation";
  const field = "w-full rounded border border-slate-300 px-3 py-2 text-sm";
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="decide-heading">
      <div className="flex items-center justify-between">
        <h2 id="decide-heading" className="font-semibold">{t("heading")}</h2>
        <button type="button" onClick={() => setShowKeys((v) => !v)} className="text-sm text-slate-600 underline">{t("keysButton")}</button>
      </div>
      {showKeys && <KeyHelp onClose={() => setShowKeys(false)} />}
      <LeaseKeeper caseId={props.caseId} initial={props.lease} onChange={setLease} />
      {props.status === "escalated" && !props.senior && <p className="text-sm text-amber-800">{tc("decisions.errors.escalatedNeedsSenior")}</p>}
      {conflict && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm" data-testid="conflict">
          <p className="font-medium">{tc(result && !result.ok ? result.message : "cases.errors.stale")}</p>
          <p>{t("conflictDetail", { seen: props.caseVersion, version: conflict.version, status: tc.has(`case.statuses.${conflict.status}`) ? tc(`case.statuses.${conflict.status}`) : conflict.status })}</p>
          <button type="button" className="mt-2 rounded border border-slate-300 bg-white px-3 py-1" onClick={() => { setResult(undefined); router.refresh(); }}>
            {t("reload")}
          </button>
        </div>
      )}
      {!conflict && <FormMessage result={result} />}
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
        className="space-y-3"
      >
        <input type="hidden" name="caseId" value={props.caseId} />
        <input type="hidden" name="caseVersion" value={props.caseVersion} />
        <input type="hidden" name="queue" value={props.queue ?? ""} />
        <input ref={andNextRef} type="hidden" name="andNext" value="0" />
        <fieldset>
          <legend className="text-sm font-medium">{t("outcome")}</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {(["violation", "no_violation", "insufficient_evidence"] as const).map((o) => (
              <label key={o} className="flex items-center gap-1">
                <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => (o === "violation" ? recommended() : noViolation(o))} />
                {t(`outcomes.${o}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="text-sm">
            <label htmlFor="decision-category" className="block font-medium">{t("category")}</label>
            <select id="decision-category" name="category" className={field} value={category} onChange={(e) => { setCategory(e.target.value); if (violation) recommended(e.target.value); }}>
              {props.categories.map((c) => (
                <option key={c.code} value={c.code}>{c.name}</option>
              ))}
            </select>
            <FieldError id="category-error" errors={errors?.category} />
          </div>
          <div className="text-sm">
            <label htmlFor="decision-level" className="block font-medium">{t("level")}</label>
            <select id="decision-level" name="level" className={field} value={level} onChange={(e) => setLevel(e.target.value)} aria-describedby="level-error">
              {levelsFor(outcome).map((l) => (
                <option key={l} value={l}>{t(`levels.${l}`)}</option>
              ))}
            </select>
            <FieldError id="level-error" errors={errors?.level} />
          </div>
          <div className="text-sm">
            <label htmlFor="decision-duration" className="block font-medium">{t("duration")}</label>
            <select id="decision-duration" name="durationHours" className={field} value={duration} onChange={(e) => setDuration(e.target.value)} disabled={!violation}>
              {durations.map((h) => (
                <option key={h ?? "none"} value={h ?? ""}>{h === null ? t("untilLifted") : h % 24 === 0 ? t("days", { n: h / 24 }) : t("hours", { n: h })}</option>
              ))}
            </select>
            <FieldError id="duration-error" errors={errors?.durationHours} />
          </div>
        </div>
        {violation && level !== "L0" && (
          <fieldset className="text-sm" data-testid="scope">
            <legend className="font-medium">{t("scope")}</legend>
            {level === "L4" ? (
              <p className="mt-1">{t("scopes.domain", { domain: props.registrableDomain })}</p>
            ) : (
              <div className="mt-1 space-y-1">
                <label className="flex items-center gap-2">
                  <input type="radio" name="scope" value="url" checked={scope === "url"} onChange={() => setScope("url")} />
                  {t("scopes.url")}
                </label>
                {props.pathChoices.length > 0 && (
                  <div className="flex flex-wrap items-center gap-2">
                    <label className="flex items-center gap-2">
                      <input type="radio" name="scope" value="path" checked={scope === "path"} onChange={() => setScope("path")} />
                      {t("scopes.path")}
                    </label>
                    <select
                      name="scopePath"
                      aria-label={t("scopes.pathChoice")}
                      className="rounded border border-slate-300 px-2 py-1 font-mono text-xs"
                      value={scopePath}
                      onChange={(e) => { setScopePath(e.target.value); setScope("path"); }}
                    >
                      {props.pathChoices.map((p) => (
                        <option key={p} value={p}>{`${props.host}${p}/…`}</option>
                      ))}
                    </select>
                  </div>
                )}
                {mayHostScope && (
                  <label className="flex items-center gap-2">
                    <input type="radio" name="scope" value="host" checked={scope === "host"} onChange={() => setScope("host")} />
                    {t("scopes.host", { host: props.host })}
                  </label>
                )}
              </div>
            )}
            <FieldError id="scope-error" errors={[...(errors?.scope ?? []), ...(errors?.scopePath ?? [])]} />
          </fieldset>
        )}
        {violation && maySanction && (
          <label className="flex items-start gap-2 text-sm" data-testid="sanction">
            <input type="checkbox" name="sanctionProvider" checked={sanction} onChange={(e) => setSanction(e.target.checked)} className="mt-1" />
            <span>
              <span className="font-medium">{t("sanction")}</span>
              <span className="block text-xs text-slate-500">{t("sanctionHelp")}</span>
            </span>
          </label>
        )}
        <FieldError id="sanction-error" errors={errors?.sanctionProvider} />
        <label className="block text-sm">
          <span className="font-medium">{t("rationale")}</span>
          <textarea name="rationale" rows={3} className={field} value={rationale} onChange={(e) => setRationale(e.target.value)} aria-describedby="rationale-help rationale-error" />
          <span id="rationale-help" className="text-xs text-slate-500">{t("rationaleHelp")}</span>
          <FieldError id="rationale-error" errors={errors?.rationale} />
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block text-sm">
            <span className="font-medium">{t("internalNote")}</span>
            <textarea name="internalNote" rows={2} className={field} />
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("publicNote")}</span>
            <textarea name="publicNote" rows={2} className={field} />
          </label>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={!canSubmit || pending} className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
            {t("decide")}
          </button>
          <button type="button" disabled={!canSubmit || pending} onClick={() => submit(true)} className="rounded border border-brand-700 px-4 py-2 text-sm text-brand-700 disabled:opacity-50">
            {t("decideAndNext")} <kbd className="ml-1 text-xs">n</kbd>
          </button>
          {props.status === "open" && (
            <button type="button" disabled={!canSubmit} onClick={() => setEscalating(true)} className="rounded border border-slate-300 px-4 py-2 text-sm disabled:opacity-50">
              {t("escalate")} <kbd className="ml-1 text-xs">e</kbd>
            </button>
          )}
        </div>
      </form>
      {escalating && props.status === "open" && <EscalateForm caseId={props.caseId} caseVersion={props.caseVersion} onCancel={() => setEscalating(false)} />}
    </section>
  );
}
