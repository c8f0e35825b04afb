// The platforms of the scale dataset: the registry the demo seed loads (lib/platforms/registry.ts)
// plus invented smaller providers up to 50 platforms in all (the independent-sites platform
// included), each with its own registrable domains; and the moderation "profile" of every platform,
// which sets how often its links turn out to violate the rules and how punctually it answers
// rectification notices, so that the computed ratings spread over grades A to D.
import type { PlatformKind } from "@/lib/platforms/registry";
import { Rng } from "@/db/demo/random";

export const TOTAL_PLATFORMS = 50;

export type InventedPlatform = {
  slug: string;
  name: string;
  nameZh: string;
  kind: PlatformKind;
  domains: { domain: string; kind: "registrable" | "short_link" }[];
  /** Relative share of the invented platforms' complaints (Zipf-like: the k-th gets 1/k). */
  weight: number;
  /** URL path templates of its links ({dN}, {aN}, {lN}, {hN} as in db/demo/random.ts fill). */
  paths: string[];
  /** Host prefixes its links use under its first domain ("" for the apex). */
  hosts: string[];
};

// Invented names (no real operator), pinyin-ish, with a Chinese name each.
const NAMES: [string, string, PlatformKind][] = [
  ["Kuaipin", "快拼", "shop"], ["Xiaoshipin", "小视频", "video"], ["Quanmin Tuan", "全民团", "shop"], ["Dianbo", "点播", "video"],
  ["Pengyouquan Shop", "朋友圈小店", "shop"], ["Haowu", "好物", "shop"], ["Tiantian Kan", "天天看", "video"], ["Linli", "邻里", "social"],
  ["Zhaopin Kuai", "招聘快", "service"], ["Youxi Quan", "游戏圈", "social"], ["Jiankang Bao", "健康宝", "service"], ["Licai Tong", "理财通", "service"],
  ["Meishi Ji", "美食记", "social"], ["Lvxing Jia", "旅行家", "service"], ["Zhidao Le", "知道了", "search"], ["Souyisou", "搜一搜", "search"],
  ["Yinyue He", "音乐盒", "video"], ["Shequ Mai", "社区买", "shop"], ["Xuetang", "学堂", "service"], ["Paopao", "泡泡", "social"],
];

const PATHS: Record<PlatformKind, string[]> = {
  shop: ["/item/{d10}", "/goods/{d9}.html", "/shop/{l8}/item/{d8}", "/act/{l6}?id={d7}"],
  video: ["/v/{a11}", "/video/{d12}", "/share/video/{d16}", "/live/{d9}"],
  social: ["/p/{a10}", "/t/{d10}", "/u/{l8}/post/{d9}", "/g/{l6}/{d7}"],
  service: ["/s/{l8}", "/job/{d8}", "/h5/{l6}?from={l4}", "/detail/{d10}"],
  search: ["/q/{l8}", "/answer/{d10}", "/s?wd={l6}", "/baike/{d7}"],
};

/** The invented platforms that, with the registry and the independent-sites platform, make `total`. */
export function inventedPlatforms(registryCount: number, total = TOTAL_PLATFORMS): InventedPlatform[] {
  const count = total - registryCount - 1;
  if (count < 0 || count > NAMES.length) throw new Error(`cannot invent ${count} platforms`);
  const rng = new Rng(50_050);
  return NAMES.slice(0, count).map(([name, nameZh, kind], i) => {
    const base = name.toLowerCase().replace(/[^a-z]/g, "");
    const domains: InventedPlatform["domains"] = [{ domain: `${base}.com`, kind: "registrable" }];
    if (rng.chance(0.5)) domains.push({ domain: `${base}.cn`, kind: "registrable" });
    if (rng.chance(0.4)) domains.push({ domain: `t.${base}.com`, kind: "short_link" });
    return {
      slug: `${base}-${i + 1}`,
      name,
      nameZh,
      kind,
      domains,
      weight: 1 / (i + 1),
      paths: PATHS[kind],
      hosts: ["", "www.", "m.", kind === "shop" ? "item." : "h5."],
    };
  });
}

/** How a platform's cases come out and how it answers notices. */
export type Profile = {
  name: "clean" | "good" | "fair" | "poor";
  /** Share of its decided cases that are violations. */
  violationShare: number;
  /** Of its notices: answered before the deadline, answered late (the rest: never answered). */
  onTime: number;
  late: number;
  /** Whether it lets critical notices lapse (a lapsed critical notice caps the grade at C). */
  criticalLapses: boolean;
};

const PROFILES: Profile[] = [
  { name: "clean", violationShare: 0.01, onTime: 0.99, late: 0.01, criticalLapses: false },
  { name: "good", violationShare: 0.05, onTime: 0.97, late: 0.03, criticalLapses: false },
  { name: "fair", violationShare: 0.2, onTime: 0.8, late: 0.17, criticalLapses: true },
  { name: "poor", violationShare: 0.5, onTime: 0.35, late: 0.4, criticalLapses: true },
];

/** A fixed profile per platform id: roughly 30 % clean, 30 % good, 25 % fair, 15 % poor. */
export function profilesFor(platformIds: readonly number[]): Map<number, Profile> {
  const rng = new Rng(70_707);
  const result = new Map<number, Profile>();
  for (const id of platformIds) result.set(id, rng.weighted<Profile>([[PROFILES[0]!, 30], [PROFILES[1]!, 30], [PROFILES[2]!, 25], [PROFILES[3]!, 15]]));
  return result;
}

/** Independent sites: most of what is decided about them is a violation. */
export const INDEPENDENT_PROFILE: Profile = { name: "poor", violationShare: 0.75, onTime: 0, late: 0, criticalLapses: true };
