import { type Locale, locales } from "@/db/schema";

export const LOCALE_COOKIE = "linkdesk-locale";
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A visitor without a saved choice gets Chinese when their browser prefers it. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const first = header?.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("zh") ? "zh" : defaultLocale;
}
