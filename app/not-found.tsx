import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
