"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

type Progress = { rows: number; total: number; bytes: number };
type Done = { filename: string; url: string; manifest: string; rows: number; sha256: string | null };

const input = "rounded border border-slate-300 px-2 py-1.5 text-sm";
const label = "mb-1 block text-xs font-medium text-slate-700";

/**
 * Starts an export in the browser and shows its progress while it streams (rows received of the
 * X-Export-Rows announced), then offers the file and its manifest. The same files are also plain
 * links for scripts (`curl` with a session cookie) — see docs/exports.md.
 */
export function ExportForm({ kinds, platforms }: { kinds: ("decisions" | "events")[]; platforms: { slug: string; label: string }[] }) {
  const t = useTranslations("exportCenter");
  const [kind, setKind] = useState(kinds[0]!);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(form: FormData) {
    setBusy(true);
    setError(null);
    setDone(null);
    const q = new URLSearchParams();
    for (const [key, value] of form.entries()) if (typeof value === "string" && value !== "" && key !== "kind") q.set(key, value);
    try {
      const response = await fetch(`/api/export/${kind}?${q}`, { cache: "no-store" });
      if (!response.ok || !response.body) {
        setError(`${response.status}: ${await response.text()}`);
        return;
      }
      const total = Number(response.headers.get("x-export-rows") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let rows = 0;
      let bytes = 0;
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        bytes += value.byteLength;
        // CSV rows may hold quoted newlines: the count is an estimate until the end.
        for (const b of value) if (b === 10) rows += 1;
        setProgress({ rows: Math.min(rows, total), total, bytes });
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? `export.${q.get("format") ?? "csv"}`;
      const manifestUrl = response.headers.get("x-export-manifest") ?? "";
      const manifest = manifestUrl ? await fetch(manifestUrl, { cache: "no-store" }).then((r) => (r.ok ? r.json() : null)) : null;
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") ?? "text/plain" }));
      setProgress({ rows: total, total, bytes });
      setDone({ filename, url, manifest: manifestUrl, rows: manifest?.rows ?? total, sha256: manifest?.sha256 ?? null });
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      a.click();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((100 * progress.rows) / progress.total) : progress ? 100 : 0;
  return (
    <form action={run} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={t("formLabel")}>
      <fieldset className="mb-3">
        <legend className={label}>{t("kind")}</legend>
        <div className="flex gap-4 text-sm">
          {kinds.map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="ex-format" className={label}>{t("format")}</label>
          <select id="ex-format" name="format" className={input} defaultValue="csv">
            <option value="csv">CSV</option>
            <option value="ndjson">NDJSON</option>
          </select>
        </div>
        <div>
          <label htmlFor="ex-from" className={label}>{t("from")}</label>
          <input id="ex-from" name="from" type="date" className={input} />
        </div>
        <div>
          <label htmlFor="ex-to" className={label}>{t("to")}</label>
          <input id="ex-to" name="to" type="date" className={input} />
        </div>
        {kind === "decisions" && (
          <div>
            <label htmlFor="ex-platform" className={label}>{t("platform")}</label>
            <select id="ex-platform" name="platform" className={input} defaultValue="">
              <option value="">{t("any")}</option>
              {platforms.map((p) => (
                <option key={p.slug} value={p.slug}>{p.label}</option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" disabled={busy} className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {busy ? t("exporting") : t("start")}
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-500">{t("hint")}</p>
      <div aria-live="polite">
        {progress && (
          <div className="mt-4 text-sm" data-testid="export-progress">
            <div className="mb-1 flex justify-between text-slate-700">
              <span>{t("progress", { rows: progress.rows, total: progress.total, kb: Math.round(progress.bytes / 1024) })}</span>
              <span>{percent}%</span>
            </div>
            <progress className="h-2 w-full" max={progress.total || 1} value={progress.rows} aria-label={t("progressLabel")} />
          </div>
        )}
        {error && <p role="alert" className="mt-3 whitespace-pre-line text-sm text-red-700" lang="en">{error}</p>}
        {done && (
          <div className="mt-3 rounded bg-green-50 p-3 text-sm text-green-900" data-testid="export-done">
            <p className="font-medium">{t("done", { rows: done.rows })}</p>
            <p className="mt-1">
              <a href={done.url} download={done.filename} className="text-brand-700 underline">{done.filename}</a>
              {" · "}
              <a href={done.manifest} target="_blank" rel="noreferrer" className="text-brand-700 underline">{t("manifest")}</a>
            </p>
            {done.sha256 && <p className="mt-1 break-all font-mono text-xs">SHA-256 {done.sha256}</p>}
          </div>
        )}
      </div>
    </form>
  );
}
