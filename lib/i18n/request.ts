// next-intl without locale routing: the signed-in person's saved language wins, then the language
// cookie (set on the sign-in page), then the browser's preference.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage } from "./locale";

export default getRequestConfig(async () => {
  const actor = await currentActor();
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale =
    actor?.locale ?? (isLocale(cookieLocale) ? cookieLocale : localeFromAcceptLanguage((await headers()).get("accept-language")));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: actor?.timeZone ?? env().DEFAULT_TIME_ZONE };
});
