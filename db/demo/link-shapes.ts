// Demo link shapes: which platforms and invented sites the demo complaints name, how their URLs
// look, which categories and chat scenes each kind of link tends to draw.
import { domainToASCII } from "node:url";
import type { Scene } from "@/db/schema";
import type { CategoryCode } from "@/lib/rules/categories";

export type UrlTemplate = { host: string; path: string; short?: true };

// Typical URL shapes per platform; ids are invented. Hosts are real hosts of the platform.
export const platformTemplates: Record<string, readonly UrlTemplate[]> = {
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
export const platformWeights: readonly (readonly [string, number])[] = [
  ["taobao", 14], ["douyin", 14], ["pinduoduo", 10], ["kuaishou", 8], ["jd", 7], ["weibo", 7],
  ["xiaohongshu", 7], ["toutiao", 5], ["bilibili", 4], ["baidu", 4], ["zhihu", 3], ["meituan", 3],
  ["xianyu", 3], ["dianping", 2], ["eleme", 2], ["alipay", 2], ["xigua", 2], ["douban", 2], ["58", 2],
  ["netease", 2], ["1688", 1], ["vipshop", 1], ["suning", 1], ["dewu", 1], ["dangdang", 1], ["iqiyi", 1],
  ["youku", 1], ["huya", 1], ["douyu", 1], ["ctrip", 1], ["amap", 1], ["kugou", 1], ["ximalaya", 1],
];

export type Weighted<T> = readonly (readonly [T, number])[];

export const platformCategoryMix: Weighted<CategoryCode> = [
  ["excessive_marketing", 25], ["induced_sharing", 20], ["rumour", 15], ["excessive_data_collection", 12],
  ["fraud_scam", 10], ["infringement", 6], ["illegal_trade", 3], ["risky_source", 3], ["pornography", 2],
  ["gambling", 1], ["phishing_malware", 1], ["violence_terrorism", 1], ["evasion", 1],
];

export const independentCategoryMix: Weighted<CategoryCode> = [
  ["fraud_scam", 30], ["phishing_malware", 12], ["gambling", 8], ["risky_source", 8], ["pornography", 7],
  ["excessive_data_collection", 8], ["induced_sharing", 8], ["excessive_marketing", 8], ["rumour", 6],
  ["illegal_trade", 4], ["infringement", 4], ["evasion", 3], ["violence_terrorism", 1],
];

// What a reporter picks when they see it differently from most (mixing up related categories).
export const overallCategoryMix: Weighted<CategoryCode> = [
  ["fraud_scam", 20], ["excessive_marketing", 16], ["induced_sharing", 14], ["rumour", 12],
  ["excessive_data_collection", 10], ["phishing_malware", 6], ["risky_source", 6], ["infringement", 5],
  ["illegal_trade", 3], ["gambling", 3], ["pornography", 3], ["evasion", 1], ["violence_terrorism", 1],
];

// Invented sites (not real operators). Each leans toward one kind of trouble.
export type IndependentSite = { domain: string; category: CategoryCode; weight: number; scheme?: "http" | "https" };

export const independentSites: readonly IndependentSite[] = [
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
export const ipHosts: readonly { host: string; port?: number; category: CategoryCode }[] = [
  { host: "203.0.113.7", category: "phishing_malware" },
  { host: "198.51.100.23", port: 8080, category: "gambling" },
  { host: "192.0.2.45", category: "pornography" },
  { host: "203.0.113.88", port: 8443, category: "risky_source" },
];

export const independentPaths: Record<CategoryCode, readonly string[]> = {
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
export function demoRegistrableDomain(host: string): string {
  const labels = host.split(".");
  const take = host.endsWith(".com.cn") ? 3 : 2;
  return labels.slice(-take).join(".");
}

export function sceneMix(category: CategoryCode): Weighted<Scene> {
  if (category === "induced_sharing" || category === "excessive_marketing")
    return [["group", 40], ["moments", 35], ["one_to_one", 15], ["article", 5], ["other", 5]];
  if (category === "rumour")
    return [["group", 40], ["moments", 30], ["article", 20], ["one_to_one", 8], ["other", 2]];
  return [["one_to_one", 35], ["group", 35], ["moments", 15], ["article", 10], ["other", 5]];
}

export const wechatFrom: Partial<Record<Scene, string>> = {
  one_to_one: "singlemessage",
  group: "groupmessage",
  moments: "timeline",
};
