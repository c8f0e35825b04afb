import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { platformById } from "@/lib/platforms/platform-list";
import { PlatformDomains } from "./platform-domains";
import { PlatformNotices } from "./platform-notices";
import { PlatformRating } from "./platform-rating";

type Params = { params: Promise<{ platformId: string }> };

function platformOf(platformId: string) {
  const id = Number(platformId);
  return Number.isInteger(id) && id > 0 ? platformById(getDb(), id) : undefined;
}

export async function generateMetadata({ params }: Params) {
  const platform = platformOf((await params).platformId);
  if (!platform) return {};
  return { title: (await getLocale()) === "zh" ? platform.nameZh : platform.name };
}

export default async function PlatformPage({ params }: Params) {
  const actor = await requirePage("platforms.view");
  const platform = platformOf((await params).platformId);
  if (!platform) notFound();
  const t = await getTranslations("platforms");
  const locale = await getLocale();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href="/platforms">{t("allPlatforms")}</Link>
      </p>
      <PageHeader
        title={locale === "zh" ? platform.nameZh : platform.name}
        description={[locale === "zh" ? platform.name : platform.nameZh, t(`kinds.${platform.kind}`), t("slugIs", { slug: platform.slug })].join(" · ")}
      />
      {!platform.isIndependent && can(actor.role, "ratings.view") && (
        <PlatformRating platform={{ id: platform.id, slug: platform.slug, name: locale === "zh" ? platform.nameZh : platform.name }} canOverride={can(actor.role, "ratings.override")} />
      )}
      {!platform.isIndependent && can(actor.role, "notices.view") && <PlatformNotices platformId={platform.id} />}
      <PlatformDomains platform={platform} canEdit={can(actor.role, "platforms.edit")} />
    </>
  );
}
