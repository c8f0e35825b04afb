// The deterministic demo data: staff, the demo API client, the platform registry, rule version 1 and
// about 5,000 complaints over the 180 days before `now`, with one open case per reported link.
//
// Same `now` → byte-identical rows, with one exception: users.password_hash. argon2id salts every
// hash, so the (single, shared) demo password hash differs between runs. Everything else comes from
// a fixed-seed PRNG and `now`; nothing here reads the clock or Math.random.
import { createHash, createHmac } from "node:crypto";
import { domainToASCII } from "node:url";
import {
  type Scene,
  apiClients,
  cases,
  linkVariants,
  links,
  platformDomains,
  platforms,
  reports,
  ruleVersions,
  rules,
  users,
} from "@/db/schema";
import { hashApiKey, keyPrefix } from "@/lib/api-clients/key";
import { type AuditInput, recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/open";
import { INDEPENDENT_PLATFORM, platformRegistry } from "@/lib/platforms/registry";
import type { CategoryCode } from "@/lib/rules/categories";
import { REPEAT_WINDOW_DAYS, defaultRulebook } from "@/lib/rules/default-rulebook";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";

export const DEMO_PASSWORD = "linkdesk-demo";
export const DEMO_API_KEY = "ld_demo_client_key";
export const DEMO_REPORTER_KEY = "linkdesk-demo-reporter-key";

export const demoStaff = [
  { email: "admin@linkdesk.test", name: "Ada Admin", role: "admin", locale: "en" },
  { email: "moderator@linkdesk.test", name: "Mina Moderator", role: "moderator", locale: "en" },
  { email: "senior@linkdesk.test", name: "Sami Senior", role: "senior", locale: "en" },
  { email: "manager@linkdesk.test", name: "Mara Manager", role: "manager", locale: "en" },
  { email: "auditor@linkdesk.test", name: "Aldo Auditor", role: "auditor", locale: "en" },
  { email: "li.na@linkdesk.test", name: "李娜", role: "moderator", locale: "zh" },
  { email: "zhang.wei@linkdesk.test", name: "张伟", role: "moderator", locale: "zh" },
] as const;

export type SeedSummary = {
  now: string;
  from: string;
  users: number;
  apiClients: number;
  platforms: number;
  platformDomains: number;
  ruleVersions: number;
  rules: number;
  links: number;
  linkVariants: number;
  cases: number;
  reports: number;
  reportsLast24h: number;
  auditEvents: number;
};

const SEED = 20_261_124;
const WINDOW_DAYS = 180;
const TOTAL_REPORTS = 5_000;
const REPORTER_POOL = 1_500;

// ── Deterministic randomness ─────────────────────────────────────────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const DIGITS = "0123456789";
// Tracking codes are read aloud and typed from screenshots: no 0/O or 1/I.
const TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  chars(n: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < n; i += 1) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
  digits(n: number): string {
    return String(this.int(1, 9)) + this.chars(n - 1, DIGITS);
  }
  /** Exponentially distributed with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** Fills {dN} digits, {aN} letters and digits, {lN} lowercase letters and digits, {hN} hex. */
function fill(rng: Rng, template: string): string {
  return template.replace(/\{([adlh])(\d+)\}/g, (_, kind: string, n: string) => {
    const count = Number(n);
    if (kind === "d") return rng.digits(count);
    if (kind === "a") return rng.chars(count, ALNUM);
    if (kind === "l") return rng.chars(count, LOWER_ALNUM);
    return rng.chars(count, HEX);
  });
}

// ── Demo link shapes ─────────────────────────────────────────────────────────

type UrlTemplate = { host: string; path: string; short?: true };

// Typical URL shapes per platform; ids are invented. Hosts are real hosts of the platform.
const platformTemplates: Record<string, readonly UrlTemplate[]> = {
  taobao: [
    { host: "item.taobao.com", path: "/item.htm?id=6{d11}" },
    { host: "detail.tmall.com", path: "/item.htm?id=7{d11}" },
    { host: "m.tb.cn", path: "/h.{a7}", short: true },
  ],
  jd: [
    { host: "item.jd.com", path: "/100{d9}.html" },
    { host: "3.cn", path: "/{d2}-{a6}", short: true },
  ],
  pinduoduo: [
    { host: "mobile.yangkeduo.com", path: "/goods.html?goods_id={d11}" },
    { host: "mobile.pinduoduo.com", path: "/goods.html?goods_id={d11}" },
  ],
  xianyu: [{ host: "www.goofish.com", path: "/item?id=7{d11}" }],
  "1688": [{ host: "detail.1688.com", path: "/offer/6{d11}.html" }],
  vipshop: [{ host: "m.vip.com", path: "/product-{d7}-{d10}.html" }],
  suning: [{ host: "product.suning.com", path: "/0000000000/{d11}.html" }],
  dewu: [{ host: "www.dewu.com", path: "/product-detail.html?spuId={d8}" }],
  dangdang: [{ host: "product.dangdang.com", path: "/{d8}.html" }],
  douyin: [
    { host: "www.douyin.com", path: "/video/7{d18}" },
    { host: "www.iesdouyin.com", path: "/share/video/7{d18}/" },
    { host: "v.douyin.com", path: "/{a8}/", short: true },
  ],
  kuaishou: [
    { host: "www.kuaishou.com", path: "/short-video/3x{l13}" },
    { host: "v.kuaishou.com", path: "/{a6}", short: true },
  ],
  bilibili: [
    { host: "www.bilibili.com", path: "/video/BV1{a9}" },
    { host: "b23.tv", path: "/{a7}", short: true },
  ],
  xigua: [{ host: "www.ixigua.com", path: "/7{d18}" }],
  iqiyi: [{ host: "www.iqiyi.com", path: "/v_{l10}.html" }],
  youku: [{ host: "v.youku.com", path: "/v_show/id_X{a14}.html" }],
  huya: [{ host: "www.huya.com", path: "/{d8}" }],
  douyu: [{ host: "www.douyu.com", path: "/{d7}" }],
  weibo: [
    { host: "weibo.com", path: "/{d10}/{a9}" },
    { host: "m.weibo.cn", path: "/status/4{d15}" },
    { host: "t.cn", path: "/A6{a6}", short: true },
  ],
  xiaohongshu: [
    { host: "www.xiaohongshu.com", path: "/explore/{h24}" },
    { host: "xhslink.com", path: "/a/{a11}", short: true },
  ],
  zhihu: [
    { host: "www.zhihu.com", path: "/question/{d9}" },
    { host: "zhuanlan.zhihu.com", path: "/p/{d9}" },
  ],
  douban: [{ host: "www.douban.com", path: "/group/topic/{d9}/" }],
  toutiao: [{ host: "www.toutiao.com", path: "/article/7{d18}/" }],
  meituan: [{ host: "www.meituan.com", path: "/meishi/{d9}/" }],
  dianping: [
    { host: "www.dianping.com", path: "/shop/{a16}" },
    { host: "dpurl.cn", path: "/{a7}", short: true },
  ],
  eleme: [{ host: "h5.ele.me", path: "/shop/?id=E{d18}" }],
  alipay: [{ host: "render.alipay.com", path: "/p/f/fd-{l8}/index.html" }],
  ctrip: [{ host: "hotels.ctrip.com", path: "/hotels/{d7}.html" }],
  "58": [
    { host: "bj.58.com", path: "/zhaopin/{d14}x.shtml" },
    { host: "sh.58.com", path: "/zhaopin/{d14}x.shtml" },
  ],
  amap: [{ host: "www.amap.com", path: "/place/B0FF{a6}" }],
  kugou: [{ host: "www.kugou.com", path: "/mixsong/{l8}.html" }],
  ximalaya: [{ host: "www.ximalaya.com", path: "/sound/{d9}" }],
  netease: [
    { host: "music.163.com", path: "/song?id={d10}" },
    { host: "www.163.com", path: "/dy/article/{a16}.html" },
    { host: "163cn.tv", path: "/{a6}", short: true },
  ],
  baidu: [
    { host: "baijiahao.baidu.com", path: "/s?id=17{d17}" },
    { host: "tieba.baidu.com", path: "/p/{d10}" },
    { host: "pan.baidu.com", path: "/s/1{a22}" },
  ],
};

// How often complaints name each platform (the big shopping and short-video apps dominate).
const platformWeights: readonly (readonly [string, number])[] = [
  ["taobao", 14], ["douyin", 14], ["pinduoduo", 10], ["kuaishou", 8], ["jd", 7], ["weibo", 7],
  ["xiaohongshu", 7], ["toutiao", 5], ["bilibili", 4], ["baidu", 4], ["zhihu", 3], ["meituan", 3],
  ["xianyu", 3], ["dianping", 2], ["eleme", 2], ["alipay", 2], ["xigua", 2], ["douban", 2], ["58", 2],
  ["netease", 2], ["1688", 1], ["vipshop", 1], ["suning", 1], ["dewu", 1], ["dangdang", 1], ["iqiyi", 1],
  ["youku", 1], ["huya", 1], ["douyu", 1], ["ctrip", 1], ["amap", 1], ["kugou", 1], ["ximalaya", 1],
];

type Weighted<T> = readonly (readonly [T, number])[];

const platformCategoryMix: Weighted<CategoryCode> = [
  ["excessive_marketing", 25], ["induced_sharing", 20], ["rumour", 15], ["excessive_data_collection", 12],
  ["fraud_scam", 10], ["infringement", 6], ["illegal_trade", 3], ["risky_source", 3], ["pornography", 2],
  ["gambling", 1], ["phishing_malware", 1], ["violence_terrorism", 1], ["evasion", 1],
];

const independentCategoryMix: Weighted<CategoryCode> = [
  ["fraud_scam", 30], ["phishing_malware", 12], ["gambling", 8], ["risky_source", 8], ["pornography", 7],
  ["excessive_data_collection", 8], ["induced_sharing", 8], ["excessive_marketing", 8], ["rumour", 6],
  ["illegal_trade", 4], ["infringement", 4], ["evasion", 3], ["violence_terrorism", 1],
];

// What a reporter picks when they see it differently from most (mixing up related categories).
const overallCategoryMix: Weighted<CategoryCode> = [
  ["fraud_scam", 20], ["excessive_marketing", 16], ["induced_sharing", 14], ["rumour", 12],
  ["excessive_data_collection", 10], ["phishing_malware", 6], ["risky_source", 6], ["infringement", 5],
  ["illegal_trade", 3], ["gambling", 3], ["pornography", 3], ["evasion", 1], ["violence_terrorism", 1],
];

// Invented sites (not real operators). Each leans toward one kind of trouble.
type IndependentSite = { domain: string; category: CategoryCode; weight: number; scheme?: "http" | "https" };

const independentSites: readonly IndependentSite[] = [
  { domain: "hongbao-lingqu.top", category: "fraud_scam", weight: 5 },
  { domain: "cheap-iphone-sale.shop", category: "fraud_scam", weight: 4 },
  { domain: "jianzhi-daily.xyz", category: "fraud_scam", weight: 4 },
  { domain: "daikuan-kuaisu.top", category: "fraud_scam", weight: 3 },
  { domain: "touzi-laoshi.vip", category: "fraud_scam", weight: 3 },
  { domain: "kefu-tuikuan.top", category: "phishing_malware", weight: 3 },
  { domain: "etc-renzheng.top", category: "phishing_malware", weight: 3 },
  { domain: "wx-login-verify.top", category: "phishing_malware", weight: 2 },
  { domain: "yibao-chaxun.xyz", category: "excessive_data_collection", weight: 2 },
  { domain: "ceshi-mingyun.fun", category: "excessive_data_collection", weight: 3 },
  { domain: "xinli-ceshi.club", category: "excessive_data_collection", weight: 2 },
  { domain: "qipai-yule.vip", category: "gambling", weight: 3 },
  { domain: "caipiao-jihua.top", category: "gambling", weight: 2 },
  { domain: "h5-game-hall.fun", category: "gambling", weight: 2 },
  { domain: "meinv-zhibo.live", category: "pornography", weight: 2 },
  { domain: "shipin-jiemi.online", category: "pornography", weight: 2 },
  { domain: "free-vpn-download.site", category: "risky_source", weight: 2 },
  { domain: "app-xiazai.icu", category: "risky_source", weight: 2 },
  { domain: "cdn-xz.cc", category: "risky_source", weight: 1, scheme: "http" },
  { domain: "jiankang-zhishi.net", category: "rumour", weight: 2 },
  { domain: "yangsheng-mijue.cn", category: "rumour", weight: 2 },
  { domain: "baoliao-xinwen.site", category: "rumour", weight: 2 },
  { domain: "toupiao-huodong.xyz", category: "induced_sharing", weight: 3 },
  { domain: "zhuli-kanjia.top", category: "induced_sharing", weight: 2 },
  { domain: "jizan-songli.xyz", category: "induced_sharing", weight: 2 },
  { domain: "tuiguang-fuli.ltd", category: "excessive_marketing", weight: 2 },
  { domain: "quan-daily.shop", category: "excessive_marketing", weight: 3 },
  { domain: "mianfei-lingqu.shop", category: "excessive_marketing", weight: 2 },
  { domain: "yaopin-zhixiao.cc", category: "illegal_trade", weight: 2 },
  { domain: "yan-pifa.shop", category: "illegal_trade", weight: 1 },
  { domain: "gaoqing-yingshi.cc", category: "infringement", weight: 2 },
  { domain: "fake-brand-outlet.shop", category: "infringement", weight: 2 },
  { domain: "redirect-go.icu", category: "evasion", weight: 1 },
  { domain: "jump-link.top", category: "evasion", weight: 1 },
  { domain: "quanyi-fuli.com.cn", category: "excessive_data_collection", weight: 2 },
  // A homograph: the first letter is Cyrillic "а" (U+0430); stored in its punycode form.
  { domain: domainToASCII("\u0430lipay-verify.top"), category: "phishing_malware", weight: 1 },
];

// IP-literal hosts from the documentation ranges (RFC 5737), always plain http.
const ipHosts: readonly { host: string; port?: number; category: CategoryCode }[] = [
  { host: "203.0.113.7", category: "phishing_malware" },
  { host: "198.51.100.23", port: 8080, category: "gambling" },
  { host: "192.0.2.45", category: "pornography" },
  { host: "203.0.113.88", port: 8443, category: "risky_source" },
];

const independentPaths: Record<CategoryCode, readonly string[]> = {
  fraud_scam: ["/h5/lq.html?id={d4}", "/hb/{a6}", "/act/{l8}/index.html", "/jianzhi/{d5}.html", "/prize/{a6}", "/"],
  gambling: ["/game/{l6}", "/h5/{a8}", "/room/{d6}", "/"],
  violence_terrorism: ["/v/{a8}", "/video/{d7}.html"],
  pornography: ["/live/{d6}", "/v/{a8}", "/vip/{l6}.html", "/"],
  illegal_trade: ["/goods/{d6}.html", "/shop/{l6}", "/item/{d7}"],
  rumour: ["/news/{d8}.html", "/a/{d7}", "/article/{l10}.html"],
  infringement: ["/movie/{d6}.html", "/play/{d5}-1-1.html", "/product/{d6}"],
  phishing_malware: ["/login.html", "/verify/{a8}", "/download/app-{l6}.apk", "/auth?token={h16}"],
  excessive_data_collection: ["/test/{l6}", "/ceshi/{d5}.html", "/form/{a8}", "/lingqu?code={a6}"],
  risky_source: ["/download/{l8}.apk", "/xz/{d5}", "/soft/{l6}.zip", "/"],
  induced_sharing: ["/vote/{d5}", "/share/{a8}", "/kanjia/{d6}", "/unlock/{a6}"],
  excessive_marketing: ["/quan/{d6}", "/promo/{l6}", "/coupon/{a8}", "/"],
  evasion: ["/go/{a8}", "/r/{a6}", "/jump?to={l10}"],
};

/** eTLD+1 for the demo's own hosts. The real canonicaliser uses the Public Suffix List; these hosts
 * only ever end in a one-label public suffix or in com.cn. */
function demoRegistrableDomain(host: string): string {
  const labels = host.split(".");
  const take = host.endsWith(".com.cn") ? 3 : 2;
  return labels.slice(-take).join(".");
}

// ── Descriptions ─────────────────────────────────────────────────────────────

const descriptions: Record<CategoryCode, readonly string[]> = {
  fraud_scam: [
    "群里有人发的红包链接，点进去要先交手续费才能提现",
    "Says I won an iPhone and asks for a shipping deposit first.",
    "刷单兼职，先垫付后返现，朋友已经被骗了800元",
    "Fake red packet, asks for my bank card number to withdraw.",
    "自称客服说要给我退款，让我填银行卡和验证码",
    "Investment 'teacher' promising 30% a month, asks to transfer to a personal account.",
  ],
  gambling: [
    "网页是棋牌游戏，可以充值提现，明显是赌博",
    "Online casino disguised as a mini game.",
    "彩票计划群拉人下注",
    "Betting odds page shared in a group, asks to top up.",
  ],
  violence_terrorism: ["视频里有血腥暴力画面", "Graphic violent video shared in moments.", "宣扬暴力的内容，群里有小孩"],
  pornography: ["打开是色情视频网站", "Adult content posted in a family group.", "低俗擦边直播，诱导充值"],
  illegal_trade: [
    "卖处方药，不需要处方",
    "Selling cigarettes online, no licence.",
    "拉人头交会费，层层返利，像传销",
    "Unlicensed stock tips channel asking for membership fees.",
  ],
  rumour: [
    "说某地明天要封路，官方没有发布过",
    "Fake health advice: 'cures diabetes in 7 days'.",
    "这个已经被官方辟谣了，还在到处转",
    "Old news repackaged as breaking news.",
    "标题党，内容与事实不符",
  ],
  infringement: [
    "盗版电影在线看",
    "冒充官方客服的账号",
    "Pretends to be the brand's official store.",
    "Uses my photos without permission.",
    "假冒名牌包，价格低得离谱",
  ],
  phishing_malware: [
    "仿冒登录页面，要输入微信密码",
    "Asks me to download an APK to 'verify my identity'.",
    "说ETC认证失效，要填银行卡号",
    "Looks like a bank login page but the address is wrong.",
    "下载后手机一直弹广告",
  ],
  excessive_data_collection: [
    "测个性格要先填手机号和身份证号",
    "Requires my phone number just to read the article.",
    "要求授权头像和通讯录才能继续",
    "Asks for my ID number to claim a 'free gift'.",
  ],
  risky_source: [
    "不知道是谁做的网站，让下载不明软件",
    "No company information anywhere on the page.",
    "下载链接来源不明",
    "Unknown download; my phone's security app flagged it.",
  ],
  induced_sharing: [
    "要分享到3个群才能看完整视频",
    "帮忙砍一刀，砍完又要继续拉人",
    "Must share to moments to unlock the prize.",
    "投票要先关注公众号",
    "集赞领奖品，要转发朋友圈",
  ],
  excessive_marketing: [
    "一打开就跳到别的广告页面，返回键没用",
    "Full of pop-up ads that can't be closed.",
    "每天都有人在群里发这个优惠券链接",
    "Back button hijacked, keeps redirecting.",
    "弹窗广告太多",
  ],
  evasion: [
    "这个网站换了个域名又来了",
    "Same scam as last month, new domain.",
    "在微信里打开和在浏览器里打开内容不一样",
    "跳转了好几次才到最后的页面",
    "Goes through several short links before the real page.",
  ],
};

const genericDescriptions = ["朋友发到群里的", "Found this in a group chat.", "看着不对劲，请核实", "Please check this link.", "家里老人转发的"];

// ── Planning (pure, before any write) ────────────────────────────────────────

type VariantStyle = "none" | "wechat" | "utm" | "spm";

type PlannedLink = {
  canonicalUrl: string;
  host: string;
  registrableDomain: string;
  platformSlug: string; // "independent" for unattributed domains
  isShortLink: boolean;
  isIpLiteral: boolean;
  isMixedScript: boolean;
  category: CategoryCode; // what most reporters see in it
  variantStyle: VariantStyle;
  campaign: string; // utm_campaign value when variantStyle is "utm"
  times: number[];
  reports: PlannedReport[];
};

type PlannedReport = {
  order: number;
  at: number;
  link: PlannedLink;
  category: CategoryCode;
  scene: Scene;
  rawUrl: string;
  strippedParams: string[];
  description: string | null;
  reporter: number;
  source: "api" | "portal";
  trackingCode: string;
};

const hourWeights = [3, 2, 1, 1, 1, 1, 2, 4, 6, 7, 7, 8, 9, 8, 7, 7, 7, 8, 9, 10, 11, 12, 10, 6]; // Beijing time
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

function sceneMix(category: CategoryCode): Weighted<Scene> {
  if (category === "induced_sharing" || category === "excessive_marketing")
    return [["group", 40], ["moments", 35], ["one_to_one", 15], ["article", 5], ["other", 5]];
  if (category === "rumour")
    return [["group", 40], ["moments", 30], ["article", 20], ["one_to_one", 8], ["other", 2]];
  return [["one_to_one", 35], ["group", 35], ["moments", 15], ["article", 10], ["other", 5]];
}

const wechatFrom: Partial<Record<Scene, string>> = {
  one_to_one: "singlemessage",
  group: "groupmessage",
  moments: "timeline",
};

function plan(now: number) {
  const rng = new Rng(SEED);
  const start = now - WINDOW_DAYS * DAY_MS;
  const recentStart = now - DAY_MS;
  const backgroundEnd = recentStart - 60_000;
  const byUrl = new Map<string, PlannedLink>();
  const ordered: PlannedLink[] = [];

  /** A time in [lo, hi) shaped by the hour of day, the weekend and slow growth over the window. */
  const drawTime = (lo: number, hi: number): number => {
    for (;;) {
      const t = lo + rng.float() * (hi - lo);
      const local = new Date(t + SHANGHAI_OFFSET_MS);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6 ? 1.15 : 1;
      const growth = 0.7 + (0.6 * (t - start)) / (now - start);
      const weight = hourWeights[local.getUTCHours()]! * weekend * growth;
      if (rng.float() * 12 * 1.15 * 1.3 < weight) return Math.floor(t);
    }
  };

  const addLink = (link: Omit<PlannedLink, "times" | "reports">): PlannedLink | null => {
    if (byUrl.has(link.canonicalUrl)) return null;
    const full: PlannedLink = { ...link, times: [], reports: [] };
    byUrl.set(link.canonicalUrl, full);
    ordered.push(full);
    return full;
  };

  const variantStyleFor = (slug: string): VariantStyle =>
    rng.weighted<VariantStyle>([
      ["none", 60],
      ["wechat", 25],
      ["utm", 10],
      ["spm", slug === "taobao" ? 15 : 0],
    ]);

  const platformLink = (slug: string, category: CategoryCode, template?: UrlTemplate) => {
    const t = template ?? rng.pick(platformTemplates[slug]!);
    const canonicalUrl = `https://${t.host}${fill(rng, t.path)}`;
    return addLink({
      canonicalUrl,
      host: t.host,
      registrableDomain: demoRegistrableDomain(t.host),
      platformSlug: slug,
      isShortLink: t.short === true,
      isIpLiteral: false,
      isMixedScript: false,
      category,
      variantStyle: variantStyleFor(slug),
      campaign: rng.chars(6, LOWER_ALNUM),
    });
  };

  const independentLink = (site: IndependentSite, category: CategoryCode, pathTemplate?: string, hostOverride?: string) => {
    const prefix = rng.weighted<string>([["", 35], ["www.", 25], ["m.", 25], [`${rng.chars(2, LOWER_ALNUM)}.`, 15]]);
    const host = hostOverride ?? `${prefix}${site.domain}`;
    const scheme = site.scheme ?? (rng.chance(0.85) ? "https" : "http");
    const path = fill(rng, pathTemplate ?? rng.pick(independentPaths[category]));
    return addLink({
      canonicalUrl: `${scheme}://${host}${path}`,
      host,
      registrableDomain: site.domain,
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: site.domain.startsWith("xn--"),
      category,
      variantStyle: rng.weighted<VariantStyle>([["none", 65], ["wechat", 30], ["utm", 5]]),
      campaign: rng.chars(6, LOWER_ALNUM),
    });
  };

  const ipLink = () => {
    const ip = rng.pick(ipHosts);
    const path = fill(rng, rng.pick(independentPaths[ip.category]));
    return addLink({
      canonicalUrl: `http://${ip.host}${ip.port ? `:${ip.port}` : ""}${path}`,
      host: ip.host,
      registrableDomain: ip.host,
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: true,
      isMixedScript: false,
      category: ip.category,
      variantStyle: "none",
      campaign: "",
    });
  };

  const siteByDomain = (domain: string) => independentSites.find((s) => s.domain === domain)!;
  const siteWeights: Weighted<IndependentSite> = independentSites.map((s) => [s, s.weight]);

  /** Dozens of reports on one link within a short span (a link going viral). */
  const burst = (link: PlannedLink | null, from: number, spanMs: number, count: number) => {
    for (let i = 0; i < count; i += 1) link!.times.push(Math.floor(from + ((rng.float() + rng.float()) / 2) * spanMs));
  };

  // A link's follow-up reports trail its first one by a day or two.
  const trailing = (link: PlannedLink, first: number, count: number) => {
    link.times.push(first);
    for (let i = 1; i < count; i += 1) {
      const t = first + rng.exp(1.5 * DAY_MS);
      link.times.push(Math.floor(t < backgroundEnd ? t : first + rng.float() * (backgroundEnd - first)));
    }
  };

  // 1. Bursts.
  burst(
    independentLink({ ...siteByDomain("hongbao-lingqu.top"), scheme: "https" }, "fraud_scam", "/h5/lq.html?id=8866", "hongbao-lingqu.top"),
    now - 41 * DAY_MS + 9 * HOUR_MS,
    36 * HOUR_MS,
    72,
  );
  burst(
    addLink({
      canonicalUrl: "https://fenxiang-jiesuo.cn/v/9527",
      host: "fenxiang-jiesuo.cn",
      registrableDomain: "fenxiang-jiesuo.cn",
      platformSlug: INDEPENDENT_PLATFORM.slug,
      isShortLink: false,
      isIpLiteral: false,
      isMixedScript: false,
      category: "induced_sharing",
      variantStyle: "wechat",
      campaign: "",
    }),
    now - 95 * DAY_MS + 13 * HOUR_MS,
    48 * HOUR_MS,
    55,
  );
  burst(platformLink("pinduoduo", "induced_sharing"), now - 20 * DAY_MS + 2 * HOUR_MS, 48 * HOUR_MS, 40);
  burst(platformLink("weibo", "rumour", platformTemplates.weibo![2]), now - 12 * DAY_MS + 5 * HOUR_MS, 30 * HOUR_MS, 35);

  // 2. Repeat offenders: many distinct bad links on one domain over the months.
  const offenders: readonly [string, number][] = [
    ["jianzhi-daily.xyz", 30],
    ["cheap-iphone-sale.shop", 25],
    ["qipai-yule.vip", 20],
    ["gaoqing-yingshi.cc", 20],
    ["quanyi-fuli.com.cn", 15],
  ];
  for (const [domain, count] of offenders) {
    const site = siteByDomain(domain);
    for (let i = 0; i < count; i += 1) {
      const category = rng.chance(0.85) ? site.category : rng.weighted(independentCategoryMix);
      const link = independentLink(site, category);
      if (link) trailing(link, drawTime(start, backgroundEnd), rng.weighted([[1, 40], [2, 30], [3, 20], [4, 10]]));
    }
  }

  // 3. The last 24 hours: a fresh red-packet scam on a rotated domain, and the everyday trickle.
  const rotated: IndependentSite = { domain: "lingqu-hongbao.vip", category: "fraud_scam", weight: 0, scheme: "https" };
  burst(independentLink(rotated, "fraud_scam", "/r/{a6}", "lingqu-hongbao.vip"), now - 18 * HOUR_MS, 17 * HOUR_MS, 12);

  // 4. Everyday complaints: 70 % on platforms, 30 % on independent sites; most links get one report.
  const backgroundLinks: PlannedLink[] = [];
  const newBackgroundLink = (): PlannedLink | null => {
    if (rng.chance(0.7)) {
      const slug = rng.weighted(platformWeights);
      return platformLink(slug, rng.weighted(platformCategoryMix));
    }
    if (rng.chance(0.04)) return ipLink();
    const site = rng.weighted(siteWeights);
    return independentLink(site, rng.chance(0.75) ? site.category : rng.weighted(independentCategoryMix));
  };
  const recentOnNew = 8;
  const recentOnOld = 12;
  let planned = ordered.reduce((n, l) => n + l.times.length, 0);
  const backgroundTarget = TOTAL_REPORTS - recentOnNew - recentOnOld;
  while (planned < backgroundTarget) {
    const link = newBackgroundLink();
    if (!link) continue;
    const wanted = rng.weighted([[1, 55], [2, 20], [3, 10], [rng.int(4, 6), 10], [rng.int(7, 15), 5]]);
    const count = Math.min(wanted, backgroundTarget - planned);
    trailing(link, drawTime(start, backgroundEnd), count);
    planned += count;
    backgroundLinks.push(link);
  }
  for (let i = 0; i < recentOnNew; ) {
    const link = newBackgroundLink();
    if (!link) continue;
    link.times.push(drawTime(recentStart, now - 60_000));
    i += 1;
  }
  for (let i = 0; i < recentOnOld; i += 1) {
    rng.pick(backgroundLinks).times.push(drawTime(recentStart, now - 60_000));
  }

  // Reporters: a pool of pseudonymous client ids; a few dozen report far more often than the rest.
  const reporterIds: string[] = [];
  const seen = new Set<number>();
  while (reporterIds.length < REPORTER_POOL) {
    const n = rng.int(1, 99_999);
    if (seen.has(n)) continue;
    seen.add(n);
    reporterIds.push(`wx_user_${String(n).padStart(5, "0")}`);
  }

  // 5. Each report's details, link by link.
  let order = 0;
  const all: PlannedReport[] = [];
  for (const link of ordered) {
    link.times.sort((a, b) => a - b);
    const reporters = new Set<number>();
    for (const at of link.times) {
      const category = rng.chance(0.8) ? link.category : rng.weighted(overallCategoryMix);
      const scene = rng.weighted(sceneMix(category));
      let reporter = 0;
      do {
        reporter = rng.chance(0.2) ? rng.int(0, 39) : rng.int(0, REPORTER_POOL - 1);
      } while (reporters.has(reporter));
      reporters.add(reporter);
      const { rawUrl, strippedParams } = rawVariant(rng, link, scene);
      let description: string | null = null;
      if (rng.chance(0.55)) description = rng.chance(0.85) ? rng.pick(descriptions[category]) : rng.pick(genericDescriptions);
      const report: PlannedReport = {
        order: order++,
        at,
        link,
        category,
        scene,
        rawUrl,
        strippedParams,
        description,
        reporter,
        source: rng.chance(0.85) ? "api" : "portal",
        trackingCode: "",
      };
      link.reports.push(report);
      all.push(report);
    }
  }
  all.sort((a, b) => a.at - b.at || a.order - b.order);
  const codes = new Set<string>();
  for (const report of all) {
    let code = "";
    do code = `LD-${rng.chars(8, TRACKING_ALPHABET)}`;
    while (codes.has(code));
    codes.add(code);
    report.trackingCode = code;
  }
  return { reports: all, reporterIds, start };
}

/** The URL as the reporter pasted it: sometimes with the chat app's or a campaign's tracking parameters. */
function rawVariant(rng: Rng, link: PlannedLink, scene: Scene): { rawUrl: string; strippedParams: string[] } {
  const plain = { rawUrl: link.canonicalUrl, strippedParams: [] };
  if (link.variantStyle === "none" || !rng.chance(0.7)) return plain;
  let params: [string, string][];
  if (link.variantStyle === "wechat") {
    const from = wechatFrom[scene];
    if (!from) return plain;
    params = [["from", from], ["isappinstalled", "0"]];
  } else if (link.variantStyle === "utm") {
    params = [["utm_source", "wechat"], ["utm_medium", "social"], ["utm_campaign", link.campaign]];
  } else {
    params = [["spm", "a2141.7631564.0.0"], ["utm_source", "wechat"]];
  }
  const query = params.map(([k, v]) => `${k}=${v}`).join("&");
  return {
    rawUrl: `${link.canonicalUrl}${link.canonicalUrl.includes("?") ? "&" : "?"}${query}`,
    strippedParams: params.map(([k]) => k),
  };
}

/** The category most reports name; a tie goes to the one named first. */
function claimedCategory(link: PlannedLink): CategoryCode {
  const counts = new Map<CategoryCode, number>();
  for (const r of link.reports) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  let best = link.reports[0]!.category;
  for (const [category, n] of counts) if (n > counts.get(best)!) best = category;
  return best;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const iso = (ms: number) => new Date(ms).toISOString();

// ── Loading ──────────────────────────────────────────────────────────────────

export async function seedDemo(db: Db, options: { now: Date }): Promise<SeedSummary> {
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error("seedDemo: `now` is not a valid date");
  // Hashed once and shared by every demo login (argon2id is deliberately slow).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { reports: planned, reporterIds, start } = plan(nowMs);
  const reporterHashes = reporterIds.map((id) => createHmac("sha256", DEMO_REPORTER_KEY).update(id).digest("hex"));
  const setupAt = iso(nowMs - (WINDOW_DAYS + 1) * DAY_MS);
  const publishedAt = iso(start);

  return db.transaction(
    (tx) => {
      const summary: SeedSummary = {
        now: iso(nowMs),
        from: iso(start),
        users: 0,
        apiClients: 0,
        platforms: 0,
        platformDomains: 0,
        ruleVersions: 0,
        rules: 0,
        links: 0,
        linkVariants: 0,
        cases: 0,
        reports: 0,
        reportsLast24h: 0,
        auditEvents: 0,
      };
      const audit = (input: Omit<AuditInput, "actorId">) => {
        recordAudit(tx, { ...input, actorId: null });
        summary.auditEvents += 1;
      };
      const insertId = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

      for (const staff of demoStaff) {
        const id = insertId(
          tx
            .insert(users)
            .values({ ...staff, passwordHash, timeZone: "Asia/Shanghai", createdAt: setupAt, updatedAt: setupAt })
            .run(),
        );
        audit({ action: "seed.staff_created", targetType: "user", targetId: id, after: { email: staff.email, role: staff.role }, at: setupAt });
        summary.users += 1;
      }

      const apiClientId = insertId(
        tx
          .insert(apiClients)
          .values({ name: "Demo chat app", keyPrefix: keyPrefix(DEMO_API_KEY), keyHash: hashApiKey(DEMO_API_KEY), createdAt: setupAt })
          .run(),
      );
      audit({
        action: "api_client.created",
        targetType: "api_client",
        targetId: apiClientId,
        after: { name: "Demo chat app", keyPrefix: keyPrefix(DEMO_API_KEY) },
        at: setupAt,
      });
      summary.apiClients += 1;

      const platformIds = new Map<string, number>();
      for (const entry of [...platformRegistry, INDEPENDENT_PLATFORM]) {
        const isIndependent = entry.slug === INDEPENDENT_PLATFORM.slug;
        const id = insertId(
          tx
            .insert(platforms)
            .values({ slug: entry.slug, name: entry.name, nameZh: entry.nameZh, kind: entry.kind, isIndependent, createdAt: setupAt })
            .run(),
        );
        platformIds.set(entry.slug, id);
        for (const d of entry.domains) {
          tx.insert(platformDomains).values({ platformId: id, domain: d.domain, kind: d.kind, createdAt: setupAt }).run();
          summary.platformDomains += 1;
        }
        audit({
          action: "platform.created",
          targetType: "platform",
          targetId: id,
          after: { slug: entry.slug, name: entry.name, kind: entry.kind, domains: entry.domains.map((d) => d.domain) },
          at: setupAt,
        });
        summary.platforms += 1;
      }

      const ruleVersionId = insertId(
        tx
          .insert(ruleVersions)
          .values({
            version: 1,
            status: "published",
            summary: "Default rulebook",
            repeatWindowDays: REPEAT_WINDOW_DAYS,
            createdAt: setupAt,
            publishedAt,
          })
          .run(),
      );
      for (const rule of defaultRulebook) {
        tx.insert(rules).values({ ruleVersionId, ...rule }).run();
        summary.rules += 1;
      }
      audit({
        action: "rules.published",
        targetType: "rule_version",
        targetId: ruleVersionId,
        after: { version: 1, summary: "Default rulebook", categories: defaultRulebook.map((r) => r.category) },
        at: publishedAt,
      });
      summary.ruleVersions += 1;

      // Reports in time order, each link (with its case) created with its first report.
      const linkIds = new Map<PlannedLink, { linkId: number; caseId: number; variants: Set<string> }>();
      const recentFrom = nowMs - DAY_MS;
      for (const r of planned) {
        const at = iso(r.at);
        let ids = linkIds.get(r.link);
        if (!ids) {
          const link = r.link;
          const first = link.reports[0]!.at;
          const last = link.reports[link.reports.length - 1]!.at;
          const linkId = insertId(
            tx
              .insert(links)
              .values({
                canonicalUrl: link.canonicalUrl,
                urlHash: sha256(link.canonicalUrl),
                host: link.host,
                registrableDomain: link.registrableDomain,
                platformId: platformIds.get(link.platformSlug)!,
                isShortLink: link.isShortLink,
                isIpLiteral: link.isIpLiteral,
                isMixedScript: link.isMixedScript,
                firstSeenAt: iso(first),
                lastSeenAt: iso(last),
              })
              .run(),
          );
          tx.insert(linkVariants).values({ linkId, rawUrl: link.canonicalUrl, strippedParams: [], firstSeenAt: iso(first) }).run();
          summary.links += 1;
          summary.linkVariants += 1;
          const caseId = insertId(
            tx
              .insert(cases)
              .values({
                linkId,
                status: "open",
                claimedCategory: claimedCategory(link),
                reportCount: link.reports.length,
                openedAt: iso(first),
                lastReportAt: iso(last),
              })
              .run(),
          );
          audit({
            action: "case.opened",
            targetType: "case",
            targetId: caseId,
            after: { linkId, canonicalUrl: link.canonicalUrl },
            at: iso(first),
          });
          summary.cases += 1;
          ids = { linkId, caseId, variants: new Set([link.canonicalUrl]) };
          linkIds.set(link, ids);
        }
        if (!ids.variants.has(r.rawUrl)) {
          tx.insert(linkVariants).values({ linkId: ids.linkId, rawUrl: r.rawUrl, strippedParams: r.strippedParams, firstSeenAt: at }).run();
          ids.variants.add(r.rawUrl);
          summary.linkVariants += 1;
        }
        const reportId = insertId(
          tx
            .insert(reports)
            .values({
              trackingCode: r.trackingCode,
              linkId: ids.linkId,
              caseId: ids.caseId,
              rawUrl: r.rawUrl,
              category: r.category,
              scene: r.scene,
              description: r.description,
              reporterHash: reporterHashes[r.reporter]!,
              source: r.source,
              apiClientId: r.source === "api" ? apiClientId : null,
              createdAt: at,
            })
            .run(),
        );
        audit({
          action: "report.created",
          targetType: "report",
          targetId: reportId,
          after: { trackingCode: r.trackingCode, caseId: ids.caseId, category: r.category, scene: r.scene },
          at,
        });
        summary.reports += 1;
        if (r.at >= recentFrom) summary.reportsLast24h += 1;
      }
      return summary;
    },
    { behavior: "immediate" },
  );
}
