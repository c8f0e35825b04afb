// An open-loop HTTP load on raw sockets (bench/verdicts.ts, overload): requests go out at a fixed
// rate as they fall due, whether or not earlier ones were answered, each on an idle keep-alive
// connection or a new one, up to `maxConnections`. Latency is from the moment a request fell due to
// its whole answer, so waiting anywhere (in the server's socket queue, for a connection) counts.
// node:http's client costs tens of microseconds a request, more than the server under test spends;
// writing prepared request bytes and reading only the status line and Content-Length keeps the
// generator's share of the two cores small.
import net from "node:net";

export type OpenLoopResult = {
  seconds: number;
  offered: number;
  /** Answers by status code. */
  status: Record<string, number>;
  /** 503 answers that said when to retry. */
  retryAfter: number;
  errors: number;
  /** Requests still unanswered at the end (counted as lost). */
  unanswered: number;
  /** Latency of the 200 answers and of every answer, in ms, sorted. */
  ok: Float64Array;
  all: Float64Array;
  connections: number;
  /** Answers in the slowest whole second of the run. */
  slowestSecond: number;
};

type Conn = { socket: net.Socket; busy: boolean; dueAt: number; buffer: string };

export async function openLoop(options: {
  port: number;
  /** Request paths, cycled. */
  paths: readonly string[];
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  maxConnections: number;
  /** Connections opened before the clock starts. */
  preconnect: number;
}): Promise<OpenLoopResult> {
  const head = Object.entries({ host: `127.0.0.1:${options.port}`, connection: "keep-alive", ...options.headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  const requests = options.paths.map((p) => Buffer.from(`GET ${p} HTTP/1.1\r\n${head}\r\n`));
  const idle: Conn[] = [];
  const all: Conn[] = [];
  const waiting: number[] = []; // due times of requests that found no connection
  const status: Record<string, number> = {};
  const okTimes: number[] = [];
  const allTimes: number[] = [];
  const perSecond: number[] = [];
  let began = 0;
  let retryAfter = 0;
  let errors = 0;
  let sent = 0;
  let next = 0;
  const total = Math.round(options.rate * options.seconds);

  const send = (conn: Conn, dueAt: number) => {
    conn.busy = true;
    conn.dueAt = dueAt;
    conn.socket.write(requests[next++ % requests.length]!);
  };
  const release = (conn: Conn) => {
    const due = waiting.shift();
    if (due !== undefined) send(conn, due);
    else {
      conn.busy = false;
      idle.push(conn);
    }
  };
  const onData = (conn: Conn, chunk: string) => {
    conn.buffer = conn.buffer === "" ? chunk : conn.buffer + chunk;
    for (;;) {
      const end = conn.buffer.indexOf("\r\n\r\n");
      if (end === -1) return;
      // The server under test writes its headers in lower case (node:http keeps them as set).
      const at = conn.buffer.indexOf("content-length: ");
      const length = at === -1 || at > end ? 0 : Number.parseInt(conn.buffer.slice(at + 16, conn.buffer.indexOf("\r\n", at)), 10);
      if (conn.buffer.length < end + 4 + length) return;
      const code = conn.buffer.slice(9, 12);
      const retry = code === "503" && conn.buffer.lastIndexOf("retry-after: ", end) !== -1;
      conn.buffer = conn.buffer.length === end + 4 + length ? "" : conn.buffer.slice(end + 4 + length);
      const now = performance.now();
      const ms = now - conn.dueAt;
      const second = Math.floor((now - began) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
      status[code] = (status[code] ?? 0) + 1;
      allTimes.push(ms);
      if (code === "200") okTimes.push(ms);
      if (retry) retryAfter += 1;
      release(conn);
    }
  };
  const open = (dueAt: number | null) => {
    const conn: Conn = { socket: net.connect(options.port, "127.0.0.1"), busy: true, dueAt: dueAt ?? 0, buffer: "" };
    conn.socket.setNoDelay(true);
    conn.socket.setEncoding("latin1");
    conn.socket.on("data", (chunk: string) => onData(conn, chunk));
    conn.socket.on("error", () => {
      errors += 1;
    });
    all.push(conn);
    return new Promise<void>((resolve) =>
      conn.socket.once("connect", () => {
        if (dueAt === null) release(conn);
        else send(conn, conn.dueAt);
        resolve();
      }),
    );
  };

  // Connections are opened before the clock starts, so that the first second measures the server,
  // not a thousand handshakes.
  for (let i = 0; i < options.preconnect; i += 100) await Promise.all(Array.from({ length: Math.min(100, options.preconnect - i) }, () => open(null)));
  began = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - began) / 1000) * options.rate));
      while (sent < due) {
        const dueAt = began + (sent * 1000) / options.rate;
        sent += 1;
        const conn = idle.pop();
        if (conn) send(conn, dueAt);
        else if (all.length < options.maxConnections) void open(dueAt);
        else waiting.push(dueAt);
      }
      if (sent < total) setTimeout(tick, 1);
      else setTimeout(resolve, 2_000); // the last answers
    };
    tick();
  });
  const elapsed = (performance.now() - began) / 1000 - 2;
  const answered = allTimes.length;
  for (const conn of all) conn.socket.destroy();
  return {
    seconds: Math.round(elapsed * 100) / 100,
    offered: total,
    status,
    retryAfter,
    errors,
    unanswered: total - answered,
    ok: Float64Array.from(okTimes).sort(),
    all: Float64Array.from(allTimes).sort(),
    connections: all.length,
    slowestSecond: Math.min(...Array.from({ length: Math.max(1, Math.floor(options.seconds)) }, (_, i) => perSecond[i] ?? 0)),
  };
}
