import { getDomain } from "tldts";
import { describe, expect, it } from "vitest";
import { canonicalize, type CanonicalLink } from "@/lib/links/canonicalize";
import rules from "@/lib/links/tracking-params.json" with { type: "json" };
import { stripTrackingParams, trackingRuleFile, trackingRulesFor } from "@/lib/links/tracking-params";

function accepted(input: string): CanonicalLink {
  const result = canonicalize(input);
  if (!result.ok) throw new Error(`${input}: ${result.reason}`);
  return result.link;
}

describe("tracking parameters in canonical links", () => {
  it.each([
    [
      "taobao share sheet",
      "https://item.taobao.com/item.htm?ut_sk=1.YH4x_21380790_1&id=723456789012&sourceType=item&price=&suid=8E3C&shareUniqueId=2412&un=ab12&share_crt_v=1&un_site=0&spm=a2159r.13376460.0.0&sp_tk=QUJD&cpp=1&shareurl=true&short_name=h.5xyz&bxsign=scd9&tbSocialPopKey=shareItem&app=chrome",
      "https://item.taobao.com/item.htm?id=723456789012&price=",
    ],
    [
      "tmall shares taobao's rules",
      "https://detail.tmall.com/item.htm?id=6001&ut_sk=1.x&spm=a1z10",
      "https://detail.tmall.com/item.htm?id=6001",
    ],
    [
      "douyin share page",
      "https://www.iesdouyin.com/share/video/7301234567890/?region=CN&mid=7300&u_code=0jb3&did=MS4w&iid=MS4w&with_sec_did=1&share_sign=abc&share_version=190500&ts=1700000000&from_ssr=1&utm_source=copy&utm_medium=android",
      "https://www.iesdouyin.com/share/video/7301234567890/?region=CN&mid=7300",
    ],
    [
      "bilibili keeps the part and start time",
      "https://www.bilibili.com/video/BV1xx411c7mD?p=2&t=30&share_source=copy_web&vd_source=8e1f&spm_id_from=333.1007&share_medium=android&bbid=XY&ts=1700000000&unique_k=AbCd",
      "https://www.bilibili.com/video/BV1xx411c7mD?p=2&t=30",
    ],
    [
      "pinduoduo keeps goods_id",
      "https://mobile.yangkeduo.com/goods.html?goods_id=123&_wvx=10&share_uin=XYZ&refer_share_id=a&refer_share_uid=1&refer_share_channel=message&refer_page_name=goods_detail",
      "https://mobile.yangkeduo.com/goods.html?goods_id=123",
    ],
    [
      "xiaohongshu keeps the note type",
      "https://www.xiaohongshu.com/discovery/item/64f0a1?app_platform=ios&app_version=8.10&share_from_user_hidden=true&xsec_source=app_share&type=normal&xsec_token=CBabc=&author_share=1&xhsshare=CopyLink&shareRedId=ODY&apptime=1700000000&share_id=s1",
      "https://www.xiaohongshu.com/discovery/item/64f0a1?type=normal",
    ],
    [
      "weibo's `from` is a client build",
      "https://m.weibo.cn/status/4950000000?from=10E2095010&wm=3333_2001&sourcetype=weixin&jumpfrom=weibocom",
      "https://m.weibo.cn/status/4950000000",
    ],
    [
      "zhihu",
      "https://www.zhihu.com/question/123/answer/456?utm_psn=1700&utm_source=wechat_session&share_code=abc",
      "https://www.zhihu.com/question/123/answer/456",
    ],
    [
      "kuaishou",
      "https://www.kuaishou.com/short-video/3xabc?fid=1&cc=share_copylink&followRefer=151&shareMethod=TOKEN&kpn=KUAISHOU&subBiz=BROWSE_SLIDE_PHOTO&photoId=3xabc&shareId=17&shareToken=X&shareResourceType=PHOTO_OTHER&userId=3xuser&shareType=1&et=1_i&shareMode=APP&originShareId=17&appType=21&shareObjectId=5&shareUrlOpened=0&timestamp=1700000000",
      "https://www.kuaishou.com/short-video/3xabc?photoId=3xabc&userId=3xuser",
    ],
    [
      "jd",
      "https://item.jd.com/100012043978.html?ad_od=share&gx=RnFl&gxd=Rn&utm_source=iosapp&utm_medium=appshare&cu=true",
      "https://item.jd.com/100012043978.html",
    ],
    [
      "wechat article keeps __biz, mid, idx and sn",
      "https://mp.weixin.qq.com/s?__biz=MzA&mid=2650&idx=1&sn=abc&chksm=84&scene=21&sharer_shareinfo=x&sharer_shareinfo_first=x&from=singlemessage&isappinstalled=0",
      "https://mp.weixin.qq.com/s?__biz=MzA&mid=2650&idx=1&sn=abc&chksm=84&scene=21",
    ],
  ])("%s", (_name, input, expected) => {
    expect(accepted(input).canonicalUrl).toBe(expected);
  });

  it("records the removed names in order, repeats included", () => {
    const link = accepted("https://example.com/a?utm_source=x&keep=1&fbclid=y&utm_source=z");
    expect(link.strippedParams).toEqual(["utm_source", "fbclid", "utm_source"]);
    expect(link.canonicalUrl).toBe("https://example.com/a?keep=1");
  });

  it("keeps the other parameters' order and exact encoding", () => {
    expect(accepted("https://example.com/?b=%E4%BD%A0&utm_source=x&a=1%2B2+3&c&a=0").canonicalUrl).toBe(
      "https://example.com/?b=%E4%BD%A0&a=1%2B2+3&c&a=0",
    );
  });

  it("drops the `?` when every parameter is removed, but keeps a query that was empty", () => {
    expect(accepted("https://example.com/x?utm_source=a&utm_medium=b").canonicalUrl).toBe("https://example.com/x");
    expect(accepted("https://example.com/x?&utm_source=a&").canonicalUrl).toBe("https://example.com/x");
    expect(accepted("https://example.com/x?").canonicalUrl).toBe("https://example.com/x?");
  });

  it("matches percent-encoded names", () => {
    const link = accepted("https://example.com/?utm%5Fsource=a&%73pm=b&x=1");
    expect(link.canonicalUrl).toBe("https://example.com/?x=1");
    expect(link.strippedParams).toEqual(["utm_source", "spm"]);
  });

  it("matches names case-sensitively, as servers read them", () => {
    expect(accepted("https://example.com/?UTM_SOURCE=a&SPM=b").canonicalUrl).toBe("https://example.com/?UTM_SOURCE=a&SPM=b");
  });

  it("removes `from` only with the chat app's share values, except on Weibo", () => {
    expect(accepted("https://example.com/?from=singlemessage&isappinstalled=0").canonicalUrl).toBe("https://example.com/");
    expect(accepted("https://example.com/?from=groupmessage").canonicalUrl).toBe("https://example.com/");
    expect(accepted("https://flights.ctrip.com/search?from=SHA&to=PEK").canonicalUrl).toBe("https://flights.ctrip.com/search?from=SHA&to=PEK");
    expect(accepted("https://weibo.com/123?from=page_100505").canonicalUrl).toBe("https://weibo.com/123");
  });

  it("applies a platform's rules only under its registrable domains", () => {
    expect(accepted("https://item.jd.com/1.html?ut_sk=x").canonicalUrl).toBe("https://item.jd.com/1.html?ut_sk=x");
    expect(accepted("https://example.com/n?xsec_token=abc").canonicalUrl).toBe("https://example.com/n?xsec_token=abc");
    // A look-alike domain is not Taobao and gets only the global rules.
    expect(accepted("https://taobao.com.evil.example/?ut_sk=x&utm_source=y").canonicalUrl).toBe("https://taobao.com.evil.example/?ut_sk=x");
  });

  it("applies the global rules to IP literals", () => {
    expect(accepted("http://127.0.0.1/?a=1&utm_source=x").canonicalUrl).toBe("http://127.0.0.1/?a=1");
  });
});

describe("stripTrackingParams", () => {
  it("returns the query untouched when nothing is removed", () => {
    const query = "a=1&&b=%zz&=x&c";
    expect(stripTrackingParams(query, trackingRulesFor("example.com"))).toEqual({ query, stripped: [] });
  });

  it("gives the global rules for a domain without a platform", () => {
    expect(trackingRulesFor("example.com")).toBe(trackingRulesFor("another.example"));
    expect(trackingRulesFor("taobao.com").exact.has("ut_sk")).toBe(true);
    expect(trackingRulesFor("example.com").exact.has("ut_sk")).toBe(false);
  });
});

describe("tracking-params.json", () => {
  it("keys platform rules by registrable domains, the only thing they are looked up by", () => {
    for (const platform of rules.platforms) {
      for (const domain of platform.registrableDomains) {
        expect(getDomain(domain, { allowPrivateDomains: true }), domain).toBe(domain);
      }
    }
  });

  it("never lists a parameter that selects content on the platforms' pages", () => {
    const contentParams: [string, string][] = [
      ["taobao.com", "id"],
      ["tmall.com", "id"],
      ["yangkeduo.com", "goods_id"],
      ["bilibili.com", "p"],
      ["bilibili.com", "t"],
      ["qq.com", "__biz"],
      ["qq.com", "mid"],
      ["qq.com", "idx"],
      ["qq.com", "sn"],
      ["kuaishou.com", "photoId"],
      ["example.com", "id"],
      ["example.com", "q"],
      ["example.com", "page"],
    ];
    for (const [domain, name] of contentParams) {
      const result = stripTrackingParams(`${name}=1`, trackingRulesFor(domain));
      expect(result.stripped, `${domain} ${name}`).toEqual([]);
    }
  });

  it("is refused when malformed", () => {
    const valid = trackingRuleFile.safeParse(rules);
    expect(valid.success).toBe(true);
    const bad = [
      { ...rules, global: [{ exact: [], note: "empty" }] },
      { ...rules, global: [{ exact: ["a&b"], note: "separator in a name" }] },
      { ...rules, global: [{ prefix: ["utm_"] }] },
      { ...rules, global: [{ exact: ["x"], note: "n", extra: true }] },
      { ...rules, platforms: [{ platform: "p", registrableDomains: ["Taobao.com"], rules: [{ exact: ["x"], note: "n" }] }] },
      {
        ...rules,
        platforms: [
          { platform: "a", registrableDomains: ["taobao.com"], rules: [{ exact: ["x"], note: "n" }] },
          { platform: "b", registrableDomains: ["taobao.com"], rules: [{ exact: ["y"], note: "n" }] },
        ],
      },
    ];
    for (const file of bad) expect(trackingRuleFile.safeParse(file).success, JSON.stringify(file).slice(0, 200)).toBe(false);
  });
});
