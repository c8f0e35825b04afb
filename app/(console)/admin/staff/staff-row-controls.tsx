"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { type Role, roles } from "@/db/schema";
import type { ActionResult } from "@/lib/auth/action-result";
import { changeRole, setDisabled, unlock } from "./actions";

type Props = { userId: number; name: string; role: Role; disabled: boolean; locked: boolean; isSelf: boolean };

const button = "rounded border px-2 py-1 text-sm disabled:opacity-60";

/** Role change, disable (confirmed first) and unlock for one staff member. */
export function StaffRowControls({ userId, name, role, disabled, locked, isSelf }: Props) {
  const t = useTranslations();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function run(call: () => Promise<ActionResult>) {
    setError(null);
    startTransition(async () => {
      const result = await call();
      if (!result.ok) setError(t.has(result.message) ? t(result.message) : t("errors.unexpected"));
      setConfirming(false);
    });
  }

  if (isSelf) return <span className="text-sm text-slate-500">{t("staff.you")}</span>;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>{t("staff.roleOf", { name })}</label>
      <select
        id={`role-${userId}`}
        defaultValue={role}
        disabled={pending}
        onChange={(e) => run(() => changeRole(undefined, { userId, role: e.target.value }))}
        className="rounded border border-slate-300 px-2 py-1 text-sm"
      >
        {roles.map((r) => (
          <option key={r} value={r}>{t(`roles.${r}`)}</option>
        ))}
      </select>
      {disabled ? (
        <button type="button" disabled={pending} className={`${button} border-slate-300`} onClick={() => run(() => setDisabled(undefined, { userId, disabled: "false" }))}>
          {t("staff.enable")}
        </button>
      ) : confirming ? (
        <>
          <button type="button" disabled={pending} autoFocus className={`${button} border-red-700 bg-red-700 text-white`} onClick={() => run(() => setDisabled(undefined, { userId, disabled: "true" }))}>
            {t("staff.confirmDisable", { name })}
          </button>
          <button type="button" className={`${button} border-slate-300`} onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </>
      ) : (
        <button type="button" disabled={pending} className={`${button} border-red-300 text-red-800`} onClick={() => setConfirming(true)}>
          {t("staff.disable")}
        </button>
      )}
      {locked && (
        <button type="button" disabled={pending} className={`${button} border-slate-300`} onClick={() => run(() => unlock(undefined, { userId }))}>
          {t("staff.unlock")}
        </button>
      )}
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </div>
  );
}
