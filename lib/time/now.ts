/** The current time as the UTC ISO string every table stores. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function isoPlus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
