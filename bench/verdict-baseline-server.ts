// The verdict benchmark's baseline (bench/verdicts.ts): the plain way to answer "what verdict is on
// this link" over HTTP from the same SQLite file. node:http and better-sqlite3, nothing else:
//
//   GET  /verdict?url=<link>       → {"verdict":"block","level":"L4"}
//   POST /verdicts {"urls":[…]}    → {"results":[{"verdict":…,"level":…}, …]}, all read in one transaction
//
// Per link: `new URL(link)`, SHA-256 of its href, then the same two indexed queries as
// lib/verdicts/lookup.ts (URL verdicts through links.url_hash, domain verdicts by registrable domain,
// both with the same "in force" condition and the join to the decision), and the highest level wins.
// The registrable domain is the hostname's last two labels, which is right for the benchmark's
// domains (every invented one has a one-label suffix) but not in general (`example.com.cn`).
// No authentication, no validation beyond a 400 for a missing or unparseable link, no tracking-
// parameter stripping (so a link pasted with share markers misses its URL verdict here: the baseline
// is a measure of the cost of the work, not a second implementation), no modes, reasons or platform.
//
//   DATABASE_FILE=<the verdicts database> PORT=3311 npx tsx bench/verdict-baseline-server.ts
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { openSqlite } from "@/lib/db/open";

const file = process.env.DATABASE_FILE;
const port = Number(process.env.PORT ?? 3311);
if (!file) throw new Error("DATABASE_FILE is required");

const sqlite = openSqlite(file);
const IN_FORCE = `v.lifted_at is null and v.starts_at <= @now and (v.expires_at is null or v.expires_at > @now)`;
const onUrl = sqlite
  .prepare(
    `select v.level, v.scope, v.category, v.expires_at, d.rule_version_id from links l
     join verdicts v on v.link_id = l.id join decisions d on d.id = v.decision_id
     where l.url_hash = @key and v.scope = 'url' and ${IN_FORCE}`,
  )
  .raw();
const onDomain = sqlite
  .prepare(
    `select v.level, v.scope, v.category, v.expires_at, d.rule_version_id from verdicts v
     join decisions d on d.id = v.decision_id
     where v.domain = @key and v.scope = 'domain' and ${IN_FORCE}`,
  )
  .raw();

type Answer = { verdict: "allow" | "warn" | "block"; level: string };

function lookUp(link: string, now: string): Answer | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const hash = createHash("sha256").update(url.href).digest("hex");
  const domain = url.hostname.split(".").slice(-2).join(".");
  let level = "L0";
  for (const rows of [onUrl.all({ key: hash, now }), onDomain.all({ key: domain, now })]) {
    // Levels are "L0"…"L5": as text they sort as they rank.
    for (const row of rows as [string, ...unknown[]][]) if (row[0] > level) level = row[0];
  }
  return { verdict: level >= "L3" ? "block" : level >= "L1" ? "warn" : "allow", level };
}

const lookUpAll = sqlite.transaction((links: string[], now: string) => links.map((link) => lookUp(link, now)));

function send(res: import("node:http").ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

const server = createServer((req, res) => {
  const now = new Date().toISOString();
  if (req.method === "GET" && req.url?.startsWith("/verdict?")) {
    const link = new URLSearchParams(req.url.slice("/verdict?".length)).get("url");
    const answer = link ? lookUp(link, now) : null;
    return answer ? send(res, 200, answer) : send(res, 400, { error: "url" });
  }
  if (req.method === "POST" && req.url === "/verdicts") {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let urls: string[];
      try {
        urls = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { urls: string[] }).urls;
      } catch {
        return send(res, 400, { error: "body" });
      }
      send(res, 200, { results: lookUpAll.deferred(urls, now) });
    });
    return;
  }
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("ok");
});

server.listen(port, () => console.log(`verdict baseline listening on http://localhost:${port}`));
const shutdown = () => {
  server.close(() => (sqlite.close(), process.exit(0)));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
