import { getLocale, getTranslations } from "next-intl/server";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { decodeNoticeCursor, encodeNoticeCursor, noticeCounts, noticeList, noticePlatforms } from "@/lib/notices/notice-list";
import { isNoticeState } from "@/lib/notices/notice-state";
import { noticesHref } from "./notices-href";
import { NoticeTable } from "./notice-table";
import { PlatformFilter } from "./platform-filter";
import { StateTabs } from "./state-tabs";

type Search = { state?: string; platform?: string; after?: string };

export async function generateMetadata() {
  return { title: (await getTranslations("notices"))("title") };
}

export default async function NoticesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("notices.view");
  const t = await getTranslations("notices");
  const locale = await getLocale();
  const search = await searchParams;
  const db = getDb();

  const platforms = noticePlatforms(db).map((p) => ({ id: p.id, name: locale === "zh" ? p.nameZh : p.name }));
  const platformNumber = Number(search.platform);
  const platformId = platforms.some((p) => p.id === platformNumber) ? platformNumber : undefined;
  const state = isNoticeState(search.state) ? search.state : undefined;
  const after = decodeNoticeCursor(search.after);

  const now = new Date();
  const counts = noticeCounts(db, { platformId, now });
  const { rows, next } = noticeList(db, { platformId, filter: state, after, now });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <StateTabs counts={counts} state={state} platformId={platformId} />
        <PlatformFilter platforms={platforms} platformId={platformId} state={state} />
      </div>
      {rows.length === 0 ? (
        counts.all === 0 ? (
          <EmptyState title={platformId ? t("noneForPlatform") : t("none")}>{t("noneHint")}</EmptyState>
        ) : (
          <EmptyState title={t("noneInView")}>{t("noneInViewHint")}</EmptyState>
        )
      ) : (
        <NoticeTable rows={rows} canAnswer={can(actor.role, "notices.answer")} />
      )}
      <KeysetPager
        label={t("pages")}
        first={after ? { href: noticesHref({ state, platformId }), label: t("firstPage") } : null}
        next={next ? { href: noticesHref({ state, platformId, after: encodeNoticeCursor(next) }), label: t("nextPage") } : null}
      />
    </>
  );
}
