// Failures of the storage itself rather than of the request: the disk is full, the database file or
// its directory became read-only, or the file system reports an I/O error. The client API answers
// them with 503 (try again later) and a message instead of a bare 500; reads keep working meanwhile.

/** SQLite result codes (primary, as better-sqlite3 reports them, extended ones included by prefix). */
const STORAGE_CODES = ["SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_NOLFS"] as const;

export type StorageFailure = { code: string; message: string };

/** The storage failure behind `error` (drizzle wraps driver errors: the cause chain is followed). */
export function storageFailure(error: unknown): StorageFailure | null {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && STORAGE_CODES.some((c) => code === c || code.startsWith(`${c}_`))) {
      return { code, message: describe(code) };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function describe(code: string): string {
  if (code.startsWith("SQLITE_FULL")) return "The database's disk is full; nothing was saved. Try again later.";
  if (code.startsWith("SQLITE_READONLY")) return "The database is read-only at the moment; nothing was saved. Try again later.";
  return "The database's storage failed; nothing was saved. Try again later.";
}
