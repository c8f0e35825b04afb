import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RestoreForm } from "./restore-form";
import { RestoreLookup } from "./restore-lookup";

export async function generateMetadata() {
  return { title: (await getTranslations("restore"))("portalTitle") };
}

export default async function RestorePage() {
  const t = await getTranslations("restore");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("portalTitle")}</h1>
      <p className="mt-1 text-slate-600">{t("portalIntro")}</p>
      <p className="mt-1 mb-6 text-sm">
        <Link href="/report" className="text-brand-700 underline">{t("toComplaints")}</Link>
      </p>
      <RestoreForm />
      <RestoreLookup />
    </>
  );
}
