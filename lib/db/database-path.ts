import path from "node:path";

/** Turns DATABASE_URL (`file:./data/linkdesk.db`, a plain path, or `:memory:`) into a file path. */
export function databasePath(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  const withoutScheme = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (withoutScheme.length === 0) throw new Error("DATABASE_URL names no file");
  return path.resolve(withoutScheme.replace(/^\/\/(?=\/)/, ""));
}
