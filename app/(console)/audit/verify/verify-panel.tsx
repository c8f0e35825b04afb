"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

type Job = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  total: number;
  verified: number;
  report: { ok: true; verified: number; headSeq: number; headHash: string } | { ok: false; verified: number; firstBadSeq: number; reason: string; headHash: string | null } | null;
  error: string | null;
};

/** Starts a verification on the server and polls it until it finishes, showing progress. */
export function VerifyPanel() {
  const t = useTranslations("auditLog.verify");
  const [job, setJob] = useState<Job | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      const response = await fetch(`/audit/verify/jobs?id=${id}`, { cache: "no-store" });
      if (!response.ok) return setFailure(t("lost"));
      const next = (await response.json()) as Job;
      setJob(next);
      if (!next.finishedAt) poll(id);
    }, 300);
  };

  const start = async () => {
    setFailure(null);
    const response = await fetch("/audit/verify/jobs", { method: "POST" });
    if (!response.ok) return setFailure(t("couldNotStart"));
    const started = (await response.json()) as Job;
    setJob(started);
    if (!started.finishedAt) poll(started.id);
  };

  const running = job !== null && job.finishedAt === null;
  const percent = job && job.total > 0 ? Math.floor((100 * job.verified) / job.total) : 0;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-live="polite" data-testid="verify-panel">
      <button type="button" onClick={start} disabled={running} className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        {running ? t("running") : job ? t("again") : t("start")}
      </button>
      {failure && <p role="alert" className="mt-3 text-sm text-red-700">{failure}</p>}
      {job && (
        <div className="mt-4 text-sm">
          <div className="mb-1 flex justify-between text-slate-700">
            <span data-testid="verify-progress">{t("progress", { verified: job.verified, total: job.total })}</span>
            <span>{percent}%</span>
          </div>
          <progress className="h-2 w-full" max={job.total || 1} value={job.verified} aria-label={t("progressLabel")} />
          {job.error && <p role="alert" className="mt-3 text-red-700">{job.error}</p>}
          {job.report?.ok === true && (
            <div className="mt-3 rounded bg-green-50 p-3 text-green-900" data-testid="verify-ok">
              <p className="font-medium">{t("intact", { verified: job.report.verified })}</p>
              <p className="mt-1">{t("head", { seq: job.report.headSeq })}</p>
              <p className="mt-1 break-all font-mono text-xs" data-testid="verify-head">{job.report.headHash}</p>
            </div>
          )}
          {job.report?.ok === false && (
            <div className="mt-3 rounded bg-red-50 p-3 text-red-900" role="alert" data-testid="verify-broken">
              <p className="font-medium">{t("broken", { seq: job.report.firstBadSeq })}</p>
              <p className="mt-1" lang="en">{job.report.reason}</p>
              <p className="mt-1">{t("verifiedBefore", { verified: job.report.verified })}</p>
              {job.report.headHash && <p className="mt-1 break-all font-mono text-xs">{t("lastGood")} {job.report.headHash}</p>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
