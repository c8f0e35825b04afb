// The platform page and the console home served whole over HTTP by the production server (the built
// .next: run `npx next build` first), signed in as a manager, each page requested sequentially; the
// first request of each is reported apart (cold caches), then p50/p95/max of the rest.
// Platform pages: a copy of the ratings dataset (500,000 decisions across 50 platforms) with 180 days
// of snapshots; the home page: a copy of the 1M-complaint dataset. BENCH_SCALE_DB replaces both.
//
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/platform-page-http.ts [requests]
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { checkpointForCopy, freshCopy } from "./support/cached-db";
import { DEFAULT_OPERATIONS_SOURCE, DEFAULT_PLATFORM_SOURCE, platformCopy } from "./support/platform-page-data";
import { start, stop, waitUntilUp } from "./support/servers";
import { addStaff, signInOverHttp } from "./support/staff-session";
import { summaryRow } from "./support/summary";

const requests = Number(process.argv[2] ?? 30);
const scale = process.env.BENCH_SCALE_DB;
const port = 3191;
const base = `http://127.0.0.1:${port}`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "platform-page-http-"));

type Page = { path: string; note: string; marks: string[] };
type Result = { path: string; note: string; firstMs: number; p50: number; p95: number; max: number; requests: number };

async function serve(file: string, pages: Page[]): Promise<Result[]> {
  const staff = await addStaff(file, "manager");
  const server = start(
    "linkdesk",
    "server.ts",
    { NODE_ENV: "production", PORT: String(port), DATABASE_URL: `file:${file}`, AUTH_SECRET: randomBytes(32).toString("base64url"), REPORTER_HASH_KEY: randomBytes(24).toString("base64url") },
    path.join(work, `${path.basename(file)}.log`),
  );
  try {
    await waitUntilUp(server, `${base}/api/v1/health`);
    const cookie = await signInOverHttp(base, staff.email, staff.password);
    const results: Result[] = [];
    for (const page of pages) {
      const times: number[] = [];
      for (let i = 0; i <= requests; i += 1) {
        const t0 = performance.now();
        const response = await fetch(`${base}${page.path}`, { headers: { cookie } });
        const body = await response.text();
        times.push(performance.now() - t0);
        if (response.status !== 200 || body.length < 1000) throw new Error(`${page.path}: ${response.status}`);
        // Each chart's own test id is there only when it rendered (a failed one shows "<id>-error"); the
        // catalogs' texts are in every page, so they cannot tell.
        const missing = page.marks.filter((mark) => !body.includes(`data-testid="${mark}"`));
        if (i === 0 && missing.length > 0) throw new Error(`${page.path}: did not render ${missing.join(", ")}`);
      }
      const [first, ...rest] = times;
      rest.sort((a, b) => a - b);
      const at = (p: number) => Math.round(rest[Math.min(rest.length - 1, Math.ceil((p / 100) * rest.length) - 1)]! * 10) / 10;
      results.push({ path: page.path, note: page.note, firstMs: Math.round(first! * 10) / 10, p50: at(50), p95: at(95), max: at(100), requests: rest.length });
    }
    return results;
  } finally {
    await stop(server);
  }
}

/** `count` more rated platforms besides those measured, for the compare page. */
function otherRatedPlatforms(file: string, besides: number[], count: number): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("select id from platforms where is_independent = 0 and id not in (select value from json_each(?)) order by id limit ?").pluck().all(JSON.stringify(besides), count) as number[];
  } finally {
    db.close();
  }
}

const platformMarks = ["why-panel", "chart-score", "chart-components", "chart-weekly", "chart-rectification"];

try {
  const platformFile = path.join(work, "platforms.db");
  platformCopy(scale ?? DEFAULT_PLATFORM_SOURCE, platformFile);
  const probe = new Database(platformFile, { readonly: true });
  const busiest = probe.prepare("select platform_id as id, count(*) as n from rectification_notices group by platform_id order by n desc limit 1").get() as { id: number; n: number };
  const mostDecided = probe
    .prepare("select platform_id as id, decided as n from rating_snapshots where day = (select max(day) from rating_snapshots) order by decided desc limit 1")
    .get() as { id: number; n: number };
  probe.close();
  const measured = [...new Set([busiest.id, mostDecided.id])];
  const compared = [...measured, ...otherRatedPlatforms(platformFile, measured, 3 - measured.length)];
  const platformResults = await serve(platformFile, [
    { path: `/platforms/${busiest.id}`, note: `most notices (${busiest.n})`, marks: platformMarks },
    { path: `/platforms/${mostDecided.id}`, note: `most decided cases in its window (${mostDecided.n})`, marks: platformMarks },
    { path: "/ratings", note: "league table of every rated platform", marks: ["league-table"] },
    { path: `/ratings/compare?${compared.map((id) => `platforms=${id}`).join("&")}`, note: "three platforms compared", marks: [] },
  ]);
  fs.rmSync(platformFile, { force: true });

  const homeSource = scale ?? DEFAULT_OPERATIONS_SOURCE;
  const homeFile = path.join(work, "home.db");
  checkpointForCopy(homeSource);
  freshCopy(homeSource, homeFile);
  const homeResults = await serve(homeFile, [{ path: "/", note: "console home (operations series cached ≤ 60 s; the first request computes it)", marks: ["chart-flow", "chart-backlog", "chart-median", "chart-breaches"] }]);
  const results = [...platformResults, ...homeResults];
  const out = {
    measuredAt: new Date().toISOString(),
    platformSource: scale ?? DEFAULT_PLATFORM_SOURCE,
    homeSource,
    results,
    summary: results.map((r) => summaryRow(`page served p95 (ms): ${r.path} — ${r.note}`, r.p95, null, "< 200 ms", r.p95 < 200)),
  };
  fs.writeFileSync(path.join(process.cwd(), "bench", "results", "platform-page-http.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
