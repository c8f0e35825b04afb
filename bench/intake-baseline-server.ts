// The intake benchmark's baseline (bench/intake.ts): the fastest plain way to take a complaint over
// HTTP into the same SQLite file. node:http and better-sqlite3, nothing else: it parses the JSON body
// and inserts one row into `reports` on a link and open case it picks round-robin, with no
// validation, no canonicalization, no case grouping, no audit event, and answers 201.
//
// Its commits are exactly as durable as Linkdesk's: the same file settings (openSqlite: WAL,
// synchronous=FULL, foreign keys), and the answer goes out only after the commit returns. By default
// one transaction per request; with GROUP_COMMIT=1 the inserts that arrive within one event-loop turn
// share one transaction, as Linkdesk's complaints do (an informational second baseline).
//
//   DATABASE_FILE=<copy of the 1M database> PORT=3301 [GROUP_COMMIT=1] npx tsx bench/intake-baseline-server.ts
import { randomInt } from "node:crypto";
import { createServer } from "node:http";
import { openSqlite } from "@/lib/db/open";

const file = process.env.DATABASE_FILE;
const port = Number(process.env.PORT ?? 3301);
if (!file) throw new Error("DATABASE_FILE is required");

const sqlite = openSqlite(file);
const openCases = sqlite.prepare("select id, link_id from cases where status = 'open' order by id").raw().all() as [number, number][];
const insert = sqlite.prepare(
  `insert into reports (tracking_code, link_id, case_id, raw_url, category, scene, description, reporter_hash, source,
                        api_client_id, after_decision, created_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, 'api', null, 0, ?)`,
);
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const trackingCode = () => {
  let code = "LD-";
  for (let i = 0; i < 8; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
};
let next = 0;

type Row = { body: Record<string, string>; done: (result: { id: number; code: string; caseId: number } | Error) => void };

function insertOne({ body }: Row) {
  const [caseId, linkId] = openCases[next++ % openCases.length]!;
  for (let attempt = 0; ; attempt += 1) {
    const code = trackingCode();
    try {
      const id = Number(
        insert.run(code, linkId, caseId, body.url, body.category, body.scene, body.description ?? null, body.reporterId, new Date().toISOString())
          .lastInsertRowid,
      );
      return { id, code, caseId };
    } catch (error) {
      if (attempt >= 3 || !/UNIQUE constraint failed: reports\.tracking_code/.test(String(error))) throw error;
    }
  }
}

let queue: Row[] = [];
const insertMany = sqlite.transaction((rows: Row[]) => rows.map(insertOne));
function flush() {
  const rows = queue;
  queue = [];
  try {
    const results = insertMany.immediate(rows);
    rows.forEach((row, i) => row.done(results[i]!));
  } catch (error) {
    for (const row of rows) row.done(error as Error);
  }
}

const groupCommit = process.env.GROUP_COMMIT === "1";
function save(row: Row) {
  if (!groupCommit) {
    try {
      return row.done(insertOne(row));
    } catch (error) {
      return row.done(error as Error);
    }
  }
  if (queue.length === 0) setImmediate(flush);
  queue.push(row);
}

const server = createServer((req, res) => {
  if (req.method !== "POST") {
    res.writeHead(200, { "content-type": "text/plain" });
    return void res.end("ok");
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let body: Record<string, string>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" });
      return void res.end(String(error));
    }
    save({
      body,
      done: (result) => {
        if (result instanceof Error) {
          res.writeHead(500, { "content-type": "text/plain" });
          return void res.end(String(result));
        }
        const payload = JSON.stringify({ id: result.id, trackingCode: result.code, caseId: result.caseId });
        res.writeHead(201, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) });
        res.end(payload);
      },
    });
  });
});

server.listen(port, () =>
  console.log(`baseline${groupCommit ? " (group commit)" : ""} listening on http://localhost:${port} (${openCases.length} open cases)`),
);
const shutdown = () => {
  server.close(() => (sqlite.close(), process.exit(0)));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
