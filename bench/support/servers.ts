// The servers a benchmark starts and stops (bench/intake.ts, bench/verdicts.ts): each a child
// process in its own process group, logging to a file.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { apiClients } from "@/db/schema";
import { hashApiKey, keyPrefix } from "@/lib/api-clients/key";
import { recordAudit } from "@/lib/audit/record";
import { openSqlite, wrap } from "@/lib/db/open";

export type Server = { name: string; child: ChildProcess; log: string; exited: Promise<number | null> };

/** What `npm start` runs: the server bundled by `npm run build` (build-server.mjs). */
export const BUNDLED_SERVER = ".next/linkdesk/server.mjs";

/**
 * `node --import tsx <script>`: what `npx tsx <script>` runs, without the extra parent process. For
 * "server.ts", `node .next/linkdesk/server.mjs` as `npm start` runs it, when `npm run build` has
 * written it (`npx next build` alone does not; then server.ts under tsx, with a warning);
 * BENCH_SERVER_TSX=1 runs server.ts under tsx regardless.
 */
export function start(name: string, script: string, env: Record<string, string>, log: string, nodeFlags: string[] = []): Server {
  const out = fs.openSync(log, "w");
  const bundled = script === "server.ts" && process.env.BENCH_SERVER_TSX !== "1" && fs.existsSync(BUNDLED_SERVER);
  if (script === "server.ts" && !bundled && process.env.BENCH_SERVER_TSX !== "1") {
    console.error(`[bench] ${BUNDLED_SERVER} is missing (built with \`npx next build\` rather than \`npm run build\`?): running server.ts under tsx`);
  }
  const child = spawn(process.execPath, bundled ? [...nodeFlags, BUNDLED_SERVER] : [...nodeFlags, "--import", "tsx", script], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
    detached: true, // its own process group
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, log, exited };
}

export async function waitUntilUp(server: Server, url: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited early; see ${server.log}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${server.name} did not come up within ${timeoutMs / 1000} s; see ${server.log}`);
}

export async function stop(server: Server) {
  if (server.child.exitCode !== null) return;
  process.kill(-server.child.pid!, "SIGTERM");
  const timer = setTimeout(() => process.kill(-server.child.pid!, "SIGKILL"), 20_000);
  await server.exited;
  clearTimeout(timer);
}

/**
 * Adds an API client with `key` to the database file, audited as the console would, whose per-key
 * limit no benchmark can reach (the demo key allows 600 a minute). Returns the request headers.
 */
export function insertBenchClient(file: string, key: string, name: string): Record<string, string> {
  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  db.transaction(
    (tx) => {
      const at = new Date().toISOString();
      const created = tx
        .insert(apiClients)
        .values({ name, keyPrefix: keyPrefix(key), keyHash: hashApiKey(key), requestsPerMinute: 100_000_000, createdAt: at })
        .returning({ id: apiClients.id })
        .get();
      recordAudit(tx, { actorId: null, action: "api_client.created", targetType: "api_client", targetId: created.id, after: { name, keyPrefix: keyPrefix(key) }, at });
    },
    { behavior: "immediate" },
  );
  sqlite.close();
  return { authorization: `Bearer ${key}` };
}
