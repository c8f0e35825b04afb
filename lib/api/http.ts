import type { IncomingMessage, ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** An answer whose JSON is already written (lib/verdicts/answer-json.ts). */
export function sendJsonText(res: ServerResponse, status: number, payload: string, headers?: Record<string, string>) {
  const common = {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  res.writeHead(status, headers ? { ...common, ...headers } : common);
  res.end(payload);
}

/** The one error shape of the client API. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  fields?: Record<string, string[]>,
) {
  sendJson(res, status, { error: { code, message, ...(fields ? { fields } : {}) } }, headers);
}

export const MAX_BODY_BYTES = 16 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; code: "body_too_large" | "malformed_json"; message: string };

/** Reads a JSON body of at most 16 KB; a larger one is refused without reading the rest. */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      return resolve({ ok: false, code: "body_too_large", message: `The body may be at most ${limit} bytes` });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        finish({ ok: false, code: "body_too_large", message: `The body may be at most ${limit} bytes` });
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        finish({ ok: true, value: JSON.parse(text) });
      } catch {
        finish({ ok: false, code: "malformed_json", message: "The body is not valid JSON" });
      }
    });
    req.on("error", () => finish({ ok: false, code: "malformed_json", message: "The body could not be read" }));
  });
}
