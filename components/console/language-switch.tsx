"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/(console)/actions";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";

/** Signed in, the choice is saved on the account; signed out, in a cookie for this browser. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next = locale === "zh" ? "en" : "zh";

  function switchLanguage() {
    startTransition(async () => {
      document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      if (signedIn) await setLocale(undefined, { locale: next });
      router.refresh();
    });
  }

  return (
    <button
      type="button"
      onClick={switchLanguage}
      disabled={pending}
      lang={next === "zh" ? "zh-CN" : "en"}
      aria-label={t("switchTo")}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60"
    >
      {t(`name.${next}`)}
    </button>
  );
}
