import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { PasswordForm } from "./password-form";
import { TimeZoneForm } from "./time-zone-form";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const actor = await requirePage("self.preferences");
  const t = await getTranslations("account");
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { email: actor.email })} />
      <div className="grid gap-6 lg:grid-cols-2">
        <TimeZoneForm current={actor.timeZone} zones={zones} />
        <PasswordForm />
      </div>
    </>
  );
}
