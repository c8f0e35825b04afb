// The link providers Linkdesk knows from the start, with their real domains. Admins and managers
// extend the registry in the console; the seed loads this list.
//
// `registrable` domains are eTLD+1 (Public Suffix List): every host under them belongs to the
// platform. `short_link` entries are the exact host of the platform's link shortener; several are
// subdomains of a registrable domain (v.douyin.com), others are registrable domains of their own
// (t.cn, 3.cn, b23.tv, xhslink.com, dpurl.cn, 163cn.tv). Only domains we are sure of are listed.
//
// Deliberately left out:
// - qq.com: it is the chat app's own operator's domain (Tencent Video lives on v.qq.com, QQ Music on
//   y.qq.com); attributing all of qq.com to one of them would be wrong. url.cn (Tencent's shortener)
//   is left out for the same reason.
// - sina.com.cn: shared by Sina's portal and many services, not Weibo's alone.

export type PlatformKind = "shop" | "video" | "social" | "service" | "search";
export type PlatformDomainKind = "registrable" | "short_link";

export type PlatformEntry = {
  slug: string;
  name: string;
  nameZh: string;
  kind: PlatformKind;
  domains: readonly { domain: string; kind: PlatformDomainKind }[];
};

const reg = (domain: string) => ({ domain, kind: "registrable" as const });
const short = (domain: string) => ({ domain, kind: "short_link" as const });

export const platformRegistry: readonly PlatformEntry[] = [
  // Taobao and Tmall share Alibaba's shortener m.tb.cn, and a domain can belong to one platform
  // only, so they are one provider here.
  {
    slug: "taobao",
    name: "Taobao & Tmall",
    nameZh: "淘宝/天猫",
    kind: "shop",
    domains: [reg("taobao.com"), reg("tmall.com"), short("m.tb.cn")],
  },
  { slug: "jd", name: "JD.com", nameZh: "京东", kind: "shop", domains: [reg("jd.com"), short("3.cn")] },
  {
    slug: "pinduoduo",
    name: "Pinduoduo",
    nameZh: "拼多多",
    kind: "shop",
    domains: [reg("pinduoduo.com"), reg("yangkeduo.com")],
  },
  { slug: "xianyu", name: "Xianyu", nameZh: "闲鱼", kind: "shop", domains: [reg("goofish.com")] },
  { slug: "1688", name: "1688", nameZh: "阿里巴巴1688", kind: "shop", domains: [reg("1688.com")] },
  { slug: "vipshop", name: "Vipshop", nameZh: "唯品会", kind: "shop", domains: [reg("vip.com")] },
  { slug: "suning", name: "Suning", nameZh: "苏宁易购", kind: "shop", domains: [reg("suning.com")] },
  { slug: "dewu", name: "Dewu (Poizon)", nameZh: "得物", kind: "shop", domains: [reg("dewu.com")] },
  { slug: "dangdang", name: "Dangdang", nameZh: "当当", kind: "shop", domains: [reg("dangdang.com")] },
  {
    slug: "douyin",
    name: "Douyin",
    nameZh: "抖音",
    kind: "video",
    domains: [reg("douyin.com"), reg("iesdouyin.com"), short("v.douyin.com")],
  },
  {
    slug: "kuaishou",
    name: "Kuaishou",
    nameZh: "快手",
    kind: "video",
    domains: [reg("kuaishou.com"), reg("gifshow.com"), short("v.kuaishou.com")],
  },
  { slug: "bilibili", name: "Bilibili", nameZh: "哔哩哔哩", kind: "video", domains: [reg("bilibili.com"), short("b23.tv")] },
  { slug: "xigua", name: "Xigua Video", nameZh: "西瓜视频", kind: "video", domains: [reg("ixigua.com")] },
  { slug: "iqiyi", name: "iQIYI", nameZh: "爱奇艺", kind: "video", domains: [reg("iqiyi.com")] },
  { slug: "youku", name: "Youku", nameZh: "优酷", kind: "video", domains: [reg("youku.com")] },
  { slug: "huya", name: "Huya", nameZh: "虎牙直播", kind: "video", domains: [reg("huya.com")] },
  { slug: "douyu", name: "Douyu", nameZh: "斗鱼直播", kind: "video", domains: [reg("douyu.com")] },
  { slug: "weibo", name: "Weibo", nameZh: "微博", kind: "social", domains: [reg("weibo.com"), reg("weibo.cn"), short("t.cn")] },
  {
    slug: "xiaohongshu",
    name: "Xiaohongshu",
    nameZh: "小红书",
    kind: "social",
    domains: [reg("xiaohongshu.com"), short("xhslink.com")],
  },
  { slug: "zhihu", name: "Zhihu", nameZh: "知乎", kind: "social", domains: [reg("zhihu.com")] },
  { slug: "douban", name: "Douban", nameZh: "豆瓣", kind: "social", domains: [reg("douban.com")] },
  { slug: "toutiao", name: "Toutiao", nameZh: "今日头条", kind: "social", domains: [reg("toutiao.com")] },
  { slug: "meituan", name: "Meituan", nameZh: "美团", kind: "service", domains: [reg("meituan.com")] },
  { slug: "dianping", name: "Dianping", nameZh: "大众点评", kind: "service", domains: [reg("dianping.com"), short("dpurl.cn")] },
  { slug: "eleme", name: "Ele.me", nameZh: "饿了么", kind: "service", domains: [reg("ele.me")] },
  { slug: "alipay", name: "Alipay", nameZh: "支付宝", kind: "service", domains: [reg("alipay.com")] },
  { slug: "ctrip", name: "Ctrip", nameZh: "携程旅行", kind: "service", domains: [reg("ctrip.com")] },
  { slug: "58", name: "58.com", nameZh: "58同城", kind: "service", domains: [reg("58.com")] },
  { slug: "amap", name: "Amap", nameZh: "高德地图", kind: "service", domains: [reg("amap.com")] },
  { slug: "kugou", name: "Kugou Music", nameZh: "酷狗音乐", kind: "service", domains: [reg("kugou.com")] },
  { slug: "ximalaya", name: "Ximalaya", nameZh: "喜马拉雅", kind: "service", domains: [reg("ximalaya.com")] },
  // NetEase Cloud Music lives on music.163.com, but the registrable domain 163.com is NetEase's as a
  // whole (mail, news, games). Links are attributed by registrable domain, so the provider that
  // answers for 163.com is NetEase; 163cn.tv is the shortener its music app shares with.
  {
    slug: "netease",
    name: "NetEase (incl. Cloud Music)",
    nameZh: "网易（含网易云音乐）",
    kind: "service",
    domains: [reg("163.com"), short("163cn.tv")],
  },
  { slug: "baidu", name: "Baidu", nameZh: "百度", kind: "search", domains: [reg("baidu.com")] },
];

/** The catch-all for domains no registered platform owns. */
export const INDEPENDENT_PLATFORM = {
  slug: "independent",
  name: "Independent sites",
  nameZh: "独立站点",
  kind: "independent",
  isIndependent: true,
  domains: [],
} as const;
