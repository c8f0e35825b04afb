import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md text-center" data-testid="forbidden">
        <p className="text-sm font-semibold text-red-700">403</p>
        <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 text-slate-600">{t("body")}</p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
