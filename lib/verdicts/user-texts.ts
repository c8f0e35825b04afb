// The short, hedged texts a user meets on a warning or block page, in both languages. The verdict's
// own reason comes from the rule it was decided under (rules.reason_en / reason_zh); these cover the
// cautions of the verdict modes and the page headlines, shared by the API and the console preview.
import type { Level } from "@/db/schema";
import type { CautionCode } from "./modes";

export type Bilingual = { en: string; zh: string };

export const cautionTexts: Record<CautionCode, Bilingual> = {
  platform_grade_d: {
    en: "The platform behind this link has a poor record of handling reported links.",
    zh: "该链接所属平台对被投诉链接的处理记录较差。",
  },
  platform_grade_c: {
    en: "The platform behind this link has a below-average record of handling reported links.",
    zh: "该链接所属平台对被投诉链接的处理记录低于平均水平。",
  },
  unattributed_domain: {
    en: "This link is not from a registered platform; its operator may be hard to identify.",
    zh: "该链接不属于已登记的平台，其运营方可能难以确认。",
  },
  short_link: {
    en: "This is a short link; the page it leads to may differ from what it appears to be.",
    zh: "这是一个短链接，实际打开的页面可能与看上去的不同。",
  },
  ip_literal: {
    en: "This link uses a bare IP address instead of a domain name.",
    zh: "该链接使用 IP 地址而非域名。",
  },
  mixed_script_host: {
    en: "This address mixes alphabets and may imitate another site's name.",
    zh: "该网址混用了不同文字，可能在仿冒其他网站的名称。",
  },
};

/** What the page a user sees says at each level (the console's block page preview shows these). */
export const levelPageTexts: Record<Exclude<Level, "L0" | "L5">, { title: Bilingual; body: Bilingual; action: Bilingual }> = {
  L1: {
    title: { en: "Be careful with this link", zh: "请谨慎访问该链接" },
    body: { en: "Other users have reported this page. You can still open it.", zh: "该网页已被其他用户投诉，你仍可继续访问。" },
    action: { en: "Continue to the page", zh: "继续访问" },
  },
  L2: {
    title: { en: "This link may not be safe to share", zh: "该链接不宜分享" },
    body: {
      en: "You can open it here, but it cannot be shared to groups or moments.",
      zh: "你可以在此打开，但不能分享到群聊或朋友圈。",
    },
    action: { en: "Continue to the page", zh: "继续访问" },
  },
  L3: {
    title: { en: "This page has been blocked", zh: "该网页已被拦截" },
    body: { en: "This page was blocked after review and cannot be opened.", zh: "该网页经审核后已被拦截，无法打开。" },
    action: { en: "Apply to restore access", zh: "申请恢复访问" },
  },
  L4: {
    title: { en: "This website has been blocked", zh: "该网站已被拦截" },
    body: {
      en: "Every page of this website was blocked after review and cannot be opened.",
      zh: "该网站的所有网页经审核后均已被拦截，无法打开。",
    },
    action: { en: "Apply to restore access", zh: "申请恢复访问" },
  },
};
