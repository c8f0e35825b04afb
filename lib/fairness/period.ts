// The period a fairness report covers: whole calendar days in the viewer's time zone, so "1 to 31
// October" means the same days a manager sees on every other page. Pure: the caller passes the
// current time and the time zone.
import { z } from "zod";
import { ActionError } from "@/lib/auth/action-result";
import { isCategoryCode } from "@/lib/rules/categories";
import { DAY_MS } from "@/lib/time/now";

/** The default period: the last 90 days, today included. */
export const DEFAULT_PERIOD_DAYS = 90;
/** The longest period: two years of days (one of them may be a leap year). */
export const MAX_PERIOD_DAYS = 731;

export type FairnessPeriodInput = { from?: string | null; to?: string | null; category?: string | null };

export type FairnessPeriod = {
  /** First and last day, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The UTC instants the days start and end at: created_at >= startIso and < endIso. */
  startIso: string;
  endIso: string;
  days: number;
  category: string | null;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD that names a real day (no 2026-02-30). */
function isCalendarDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// An empty form field means "not given": the default applies.
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v ?? undefined), z.string().trim().optional());

const schema = z.object({
  from: optionalText.refine((v) => v === undefined || isCalendarDay(v), "fairness.errors.date"),
  to: optionalText.refine((v) => v === undefined || isCalendarDay(v), "fairness.errors.date"),
  category: optionalText.refine((v) => v === undefined || isCategoryCode(v), "fairness.errors.category"),
});

/** Whole days from one YYYY-MM-DD to another (date arithmetic in UTC, where every day has 24 hours). */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;
const dayFromNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Today's date in a time zone, YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant a calendar day starts at in a time zone (the second guess settles DST changes). */
export function startOfDay(day: string, timeZone: string): string {
  const wallMidnight = Date.parse(`${day}T00:00:00.000Z`);
  let instant = wallMidnight - zoneOffset(wallMidnight, timeZone);
  instant = wallMidnight - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

/**
 * The period from a form or URL: missing `to` is today, missing `from` is 90 days up to `to`.
 * Throws an ActionError (field errors are catalog keys) for a day that is not one, `from` after
 * `to`, a period longer than two years or an unknown category.
 */
export function resolvePeriod(input: FairnessPeriodInput, context: { now: Date; timeZone: string }): FairnessPeriod {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      fieldErrors[field] = [issue.message.startsWith("fairness.") ? issue.message : "validation.invalid"];
    }
    throw new ActionError("invalid", "errors.invalid", fieldErrors);
  }
  const to = parsed.data.to ?? dayIn(context.now, context.timeZone);
  const from = parsed.data.from ?? dayFromNumber(dayNumber(to) - (DEFAULT_PERIOD_DAYS - 1));
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw new ActionError("invalid", "errors.invalid", { from: ["fairness.errors.fromAfterTo"] });
  if (days > MAX_PERIOD_DAYS) throw new ActionError("invalid", "errors.invalid", { from: ["fairness.errors.tooLong"] });
  return {
    from,
    to,
    startIso: startOfDay(from, context.timeZone),
    endIso: startOfDay(dayFromNumber(dayNumber(to) + 1), context.timeZone),
    days,
    category: parsed.data.category ?? null,
  };
}
