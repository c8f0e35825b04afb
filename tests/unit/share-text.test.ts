import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linksInPastedText } from "@/lib/links/share-text";

// Fixed seed: a failure names its counterexample and reruns the same way everywhere.
const SETTINGS = { seed: 20_250_601, numRuns: 2_000 } as const;

function urlsIn(text: string): string[] {
  const result = linksInPastedText(text);
  if (result.kind !== "share_text") throw new Error(`expected ${JSON.stringify(text)} to be share text, got the link ${result.url}`);
  return result.urls;
}

// What each app's share / copy-link button puts on the clipboard, and the links in it.
const PLATFORM_SHARE_TEXTS: readonly (readonly [string, string, readonly string[]])[] = [
  [
    "Douyin",
    "7.43 复制打开抖音，看看【某某的作品】今天的晚霞 # 日落 https://v.douyin.com/iRNBho6u/ 复制此链接，打开Dou音搜索，直接观看视频！",
    ["https://v.douyin.com/iRNBho6u/"],
  ],
  [
    "Douyin, spelled in capitals",
    "2.07 zTl:/ 复制打开抖音，看看【某某的作品】 HTTPS://V.DOUYIN.COM/X/ 复制此链接，打开Dou音搜索，直接观看视频！",
    ["HTTPS://V.DOUYIN.COM/X/"],
  ],
  [
    "Taobao",
    "【淘宝】https://m.tb.cn/h.5XyZabc?tk=AbCd1234 CZ0001 「商品名」点击链接直接打开 或者 淘宝搜索直接打开",
    ["https://m.tb.cn/h.5XyZabc?tk=AbCd1234"],
  ],
  ["Taobao item", "【淘宝】「商品名」\nhttps://item.taobao.com/item.htm?id=123\n点击链接直接打开", ["https://item.taobao.com/item.htm?id=123"]],
  [
    "Tmall, with a 淘口令",
    "￥AbCdEfGhIj￥ https://m.tb.cn/h.5Tmall01?tk=AbCdEfGhIj「天猫超市 商品名」点击链接直接打开 或者 淘宝搜索直接打开",
    ["https://m.tb.cn/h.5Tmall01?tk=AbCdEfGhIj"],
  ],
  ["Tmall item", "(AbCdEfGhIj) 【天猫】https://detail.tmall.com/item.htm?id=123，打开手机淘宝即可查看", ["https://detail.tmall.com/item.htm?id=123"]],
  [
    "Kuaishou",
    "https://v.kuaishou.com/AbCdEf 作品描述 该作品在快手被播放过1.2万次，点击链接，打开【快手】直接观看！",
    ["https://v.kuaishou.com/AbCdEf"],
  ],
  [
    "Xiaohongshu",
    "某某发布了一篇小红书笔记，快来看吧！ 😆 AbCdEf 😆 http://xhslink.com/a/AbCdEfGhIjK，复制本条信息，打开【小红书】App查看精彩内容！",
    ["http://xhslink.com/a/AbCdEfGhIjK"],
  ],
  ["Bilibili", "【标题-哔哩哔哩】 https://b23.tv/AbCdEfG", ["https://b23.tv/AbCdEfG"]],
  ["Weibo short link", "转发微博：《某某》这条微博太好笑了！ http://t.cn/A6AbCdEf 😂😂", ["http://t.cn/A6AbCdEf"]],
  ["Weibo", "分享自微博 https://weibo.com/1234567890/AbCdEfGhI", ["https://weibo.com/1234567890/AbCdEfGhI"]],
  [
    "Pinduoduo",
    "https://mobile.yangkeduo.com/goods.html?goods_id=123456&_wvx=10 拼多多，好货低价，快来看看吧……",
    ["https://mobile.yangkeduo.com/goods.html?goods_id=123456&_wvx=10"],
  ],
  ["JD", "【京东】https://3.cn/1x-AbCdEf「商品名」 点击链接直接打开", ["https://3.cn/1x-AbCdEf"]],
  [
    "Zhihu",
    "如何评价xx？ - 某某的回答 - 知乎 https://www.zhihu.com/question/123/answer/456?utm_psn=789",
    ["https://www.zhihu.com/question/123/answer/456?utm_psn=789"],
  ],
  ["WeChat article", "《一篇文章的标题》\u3000https://mp.weixin.qq.com/s/AbCdEf_gHi\u3000来自公众号“某某”", ["https://mp.weixin.qq.com/s/AbCdEf_gHi"]],
  [
    "WeChat article, long form",
    "推荐文章：“标题”；https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc#rd。",
    ["https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc#rd"],
  ],
  ["Taobao, link without a scheme", "【淘宝】m.tb.cn/h.5XyZabc CZ0001 「商品名」", ["m.tb.cn/h.5XyZabc"]],
];

const MIXED_TEXTS: readonly (readonly [string, string, readonly string[]])[] = [
  [
    "two links, in order, duplicates removed",
    "看看这个：https://b23.tv/AbCdEfG 还有这个『https://v.douyin.com/x/』，以及 https://b23.tv/AbCdEfG！",
    ["https://b23.tv/AbCdEfG", "https://v.douyin.com/x/"],
  ],
  ["same link in another spelling is kept", "https://b23.tv/A 和 HTTPS://B23.TV/A", ["https://b23.tv/A", "HTTPS://B23.TV/A"]],
  ["NBSP, line breaks and full-width spaces", "\u00a0标题\u00a0https://b23.tv/A\r\n\u3000https://t.cn/B\u00a0", ["https://b23.tv/A", "https://t.cn/B"]],
  ["emoji right against the link", "快看🔥https://b23.tv/A🔥 好看", ["https://b23.tv/A"]],
  ["every closing full-width mark ends a link", "【https://a.example/1】「https://a.example/2」（https://a.example/3）《https://a.example/4》", [
    "https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4",
  ]],
  ["a sentence's ASCII punctuation is not part of the link", "Look: https://x.example/a. Or https://x.example/b, https://x.example/c?!", [
    "https://x.example/a", "https://x.example/b", "https://x.example/c",
  ]],
  ["a bracket closing nothing in the link is the sentence's", "(see https://x.example/a) [https://x.example/b]", ["https://x.example/a", "https://x.example/b"]],
  ["a bracket the link opened is the link's", "维基 https://x.example/a_(b) 和 https://x.example/c_(d).", ["https://x.example/a_(b)", "https://x.example/c_(d)"]],
  ["a link in a query stays in its link", "跳转 www.example.com/jump?to=https://b23.tv/A 看", ["www.example.com/jump?to=https://b23.tv/A"]],
  ["links without a scheme", "官网 www.google.com，或者 (example.com) 以及 example.com:8080/x。", ["www.google.com", "example.com", "example.com:8080/x"]],
  ["a scheme with no host is no link", "链接：https:// 失效了 https:///path", []],
  ["numbers, versions and codes are not hosts", "7.43 播放1.2万次 v2.0 CZ0001 e.g. 3.14159", []],
  ["an e-mail address is not a link", "联系 someone@example.com 或 a_b@m.tb.cn", []],
];

const NO_LINK_TEXTS = [
  "￥AbCdEfGhIj￥ 打开手机淘宝即可查看",
  "(AbCdEfGhIj) 打开手机淘宝即可查看",
  "这个商品质量很差，卖家不发货。",
  "ftp://x 不是网页",
] as const;

// Each must reach the canonicalizer as typed (trimmed), whatever it makes of it.
const PLAIN_LINKS = [
  "https://v.douyin.com/iRNBho6u/",
  "HTTPS://V.DOUYIN.COM/X/",
  "www.google.com",
  "example.com/a",
  "http://a.example\\@b.example/",
  "http:\\\\example.com",
  "//example.com",
  "http://例子.中国/路径",
  "https://zh.wikipedia.org/wiki/北京",
  "http://taobao。com/",
  "http://ｔａｏｂａｏ．ｃｏｍ/",
  "https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc#rd",
  "hello",
  "ftp://x",
  "https://",
  "",
] as const;

describe("linksInPastedText: share texts", () => {
  it.each(PLATFORM_SHARE_TEXTS)("%s", (_platform, text, urls) => {
    expect(urlsIn(text)).toEqual(urls);
  });

  it.each(MIXED_TEXTS)("%s", (_case, text, urls) => {
    expect(urlsIn(text)).toEqual(urls);
  });

  it.each(NO_LINK_TEXTS)("no link in %j", (text) => {
    expect(linksInPastedText(text)).toEqual({ kind: "share_text", urls: [] });
  });
});

describe("linksInPastedText: a single link", () => {
  it.each(PLAIN_LINKS)("%j is handed on as typed", (link) => {
    expect(linksInPastedText(link)).toEqual({ kind: "link", url: link });
  });

  it("trims white space around it, including U+3000, NBSP and BOM", () => {
    expect(linksInPastedText("\u3000\ufeff https://b23.tv/A\u00a0\n")).toEqual({ kind: "link", url: "https://b23.tv/A" });
    expect(linksInPastedText("   ")).toEqual({ kind: "link", url: "" });
  });

  it("keeps tabs and line breaks inside it, which the canonicalizer drops", () => {
    expect(linksInPastedText("https://example.com/a\n/b\tc")).toEqual({ kind: "link", url: "https://example.com/a\n/b\tc" });
  });

  // Rule 1 looks only for white space and full-width punctuation: without either, even text that holds no link (or holds
  // one among other characters) goes to the canonicalizer whole, which refuses it as it refuses `hello`.
  it("takes text with neither white space nor full-width punctuation for one link", () => {
    expect(linksInPastedText("今天天气很好")).toEqual({ kind: "link", url: "今天天气很好" });
    expect(linksInPastedText("🔥https://b23.tv/A🔥")).toEqual({ kind: "link", url: "🔥https://b23.tv/A🔥" });
  });

  it("is share text as soon as full-width punctuation appears", () => {
    expect(linksInPastedText("https://b23.tv/A，")).toEqual({ kind: "share_text", urls: ["https://b23.tv/A"] });
    expect(linksInPastedText("好的。ok")).toEqual({ kind: "share_text", urls: [] });
  });
});

describe("linksInPastedText: properties", () => {
  const chinese = fc.string({
    unit: fc.constantFrom(..."复制打开抖音看看某的作品今天晚霞淘宝商品点击链接直接小红书笔记快来吧", ..."，。！？；：「」『』【】（）《》“”‘’…、", "😆", "🔥", "\u3000"),
    maxLength: 20,
  });
  const noise = fc.constantFrom("", "7.43 ", "1.2万", "v2.0 ", "CZ0001 ", "￥AbCdEfGhIj￥ ", "(AbCdEfGhIj) ", "# ");
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
  const host = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("com", "cn", "tv", "com.cn", "example"), fc.boolean())
    .map(([labels, tld, upper]) => {
      const name = `${labels.join(".")}.${tld}`;
      return upper ? name.toUpperCase() : name;
    });
  const path = fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]{0,30}$/), fc.constantFrom("", "_(b)", "[1]"), fc.stringMatching(/^[A-Za-z0-9/_~-]$/))
    .map(([middle, bracketed, last]) => `${middle}${bracketed}${last}`);
  const url = fc.tuple(fc.constantFrom("https://", "http://", "HTTPS://"), host, path).map(([scheme, name, rest]) => `${scheme}${name}/${rest}`);

  it("finds exactly the link in `<prefix> <url> <suffix>` and `<prefix>【x】<url>，<suffix>`", () => {
    fc.assert(
      fc.property(noise, chinese, url, chinese, fc.boolean(), (code, prefix, link, suffix, bracketed) => {
        // The closing `！` keeps the text share text when the generated prefix and suffix are empty.
        const text = bracketed ? `${code}${prefix}【${prefix}】${link}，${suffix}` : `${code}${prefix} ${link} ${suffix}！`;
        expect(urlsIn(text)).toEqual([link]);
      }),
      SETTINGS,
    );
  });

  const tricky = fc.string({
    unit: fc.oneof(
      fc.constantFrom("http://", "https://", "HTTPS://", "www.", ".com", "a", "7", ".", "/", "(", ")", "[", "]", "@", "?", ",", "。", "，", "【", "】", " ", "\u3000", "\n"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    ),
    maxLength: 60,
  });
  const loneSurrogates = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });

  it("never throws, and every link it returns is part of the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), tricky, loneSurrogates), (text) => {
        const result = linksInPastedText(text);
        const urls = result.kind === "link" ? [result.url] : result.urls;
        for (const found of urls) expect(text.includes(found)).toBe(true);
        if (result.kind === "share_text") expect(new Set(urls).size).toBe(urls.length);
      }),
      SETTINGS,
    );
  });

  it("returns on 100,000-character inputs built to make a backtracking regex slow", () => {
    const inputs = [
      "a.".repeat(50_000),
      "http://".repeat(14_286),
      `${"a".repeat(99_999)} `,
      "(a".repeat(50_000),
      "a.(".repeat(33_334),
      "【".concat("a.b".repeat(33_333)),
      "http://a.b/ ".repeat(8_334),
      `x ${"a-".repeat(49_999)}.1`,
      `${")".repeat(50_000)}${"http://a/".repeat(5_556)}`,
    ];
    for (const input of inputs) {
      const result = linksInPastedText(input);
      expect(result.kind === "link" ? result.url.length : result.urls.length).toBeGreaterThanOrEqual(0);
    }
  });
});
