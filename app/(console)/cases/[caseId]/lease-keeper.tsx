"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/auth/action-result";
import { claimCase, releaseCase, renewLease } from "./actions";

type Lease = { caseId: number; assigneeId: number; leaseExpiresAt: string };
export type LeaseState = { mine: boolean; holder: string | null; until: string | null; error?: string };

const RENEW_EVERY_MS = 150_000;

/**
 * Claims the case when the page opens and renews the lease every 2½ minutes while it stays open;
 * tells the viewer who holds the case otherwise. `onChange` lets the decision form know whether it
 * may submit.
 */
export function LeaseKeeper({
  caseId,
  initial,
  onChange,
}: {
  caseId: number;
  initial: LeaseState;
  onChange?: (state: LeaseState) => void;
}) {
  const t = useTranslations("case.lease");
  const tc = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const [state, setState] = useState<LeaseState>(initial);

  useEffect(() => {
    let stopped = false;
    const apply = (result: ActionResult<Lease>) => {
      if (stopped) return;
      const next: LeaseState = result.ok
        ? { mine: true, holder: null, until: result.data.leaseExpiresAt }
        : result.fieldErrors?.holder
          ? { mine: false, holder: result.fieldErrors.holder[0]!, until: result.fieldErrors.leaseExpiresAt?.[0] ?? null }
          : { mine: false, holder: null, until: null, error: result.message };
      setState(next);
      onChange?.(next);
    };
    claimCase(undefined, { caseId }).then(apply);
    const timer = setInterval(() => renewLease(undefined, { caseId }).then(apply), RENEW_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // Claim once per case; onChange is a setter that does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseId]);

  const until = state.until ? format.dateTime(new Date(state.until), { hour: "2-digit", minute: "2-digit" }) : "";
  if (state.mine) {
    return (
      <div className="flex flex-wrap items-center gap-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="lease" role="status">
        <span>{t("yours", { until })}</span>
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-2 py-0.5"
          onClick={async () => {
            const result = await releaseCase(undefined, { caseId });
            if (result.ok) {
              const next = { mine: false, holder: null, until: null };
              setState(next);
              onChange?.(next);
              router.refresh();
            }
          }}
        >
          {t("release")}
        </button>
      </div>
    );
  }
  return (
    <div className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="lease" role="status">
      {state.holder ? t("heldBy", { name: state.holder, until }) : state.error ? (tc.has(state.error) ? tc(state.error) : tc("errors.unexpected")) : t("released")}
    </div>
  );
}
