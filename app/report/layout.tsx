import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/console/language-switch";

/** The public complaint portal: no sign-in, no console chrome. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("report");
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-2xl items-center justify-between px-4 py-3">
          <Link href="/report" className="font-semibold text-brand-900">
            {t("portalName")}
          </Link>
          <LanguageSwitch signedIn={false} />
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-8">{children}</main>
    </div>
  );
}
