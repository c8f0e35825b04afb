// Keyset pages of the review lists (appeals, restore requests): one status at a time on
// (submitted_at, id), pending ones oldest first (the longest wait is reviewed first), reviewed ones
// newest first. Each list's status index (status, submitted_at, rowid) serves both directions.
import { type SQL, and, asc, desc, eq, gt, lt, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export type SubmittedCursor = { submittedAt: string; id: number };

/** "2026-11-24T08:00:00.000Z~42": where the next page starts, in the URL. */
export function encodeCursor(cursor: SubmittedCursor): string {
  return `${cursor.submittedAt}~${cursor.id}`;
}

/** The cursor in a URL parameter, or null when it is absent or not one. */
export function decodeCursor(text: unknown): SubmittedCursor | null {
  if (typeof text !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,15})$/.exec(text);
  return match ? { submittedAt: match[1]!, id: Number(match[2]) } : null;
}

type Columns = { submittedAt: SQLiteColumn; id: SQLiteColumn };

/** The condition and order of one page after `after`, in the list's direction. */
export function submittedKeyset(columns: Columns, after: SubmittedCursor | null | undefined, oldestFirst: boolean): { where: SQL | undefined; orderBy: SQL[] } {
  const beyond = oldestFirst ? gt : lt;
  const where = after
    ? or(beyond(columns.submittedAt, after.submittedAt), and(eq(columns.submittedAt, after.submittedAt), beyond(columns.id, after.id)))
    : undefined;
  const direction = oldestFirst ? asc : desc;
  return { where, orderBy: [direction(columns.submittedAt), direction(columns.id)] };
}

/** The page's rows and the cursor of the next page, from `limit + 1` rows read. */
export function pageOf<Row extends SubmittedCursor>(rows: Row[], limit: number): { rows: Row[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ submittedAt: last.submittedAt, id: last.id }) : null };
}
