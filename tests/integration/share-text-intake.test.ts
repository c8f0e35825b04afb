// Share text at intake, on a real SQLite file: what a chat app's "share" button copies files under the
// link inside it and joins the plain link's case; the text stays the report's raw input. No link is
// a clear refusal that writes nothing; several links make the portal ask and the API take the first.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { filePortalReport } from "@/lib/reports/actions/file-portal-report";
import { type NewReport, fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { refusedWithoutWrites, testDatabase } from "./support/database";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;

let reporters = 0;
function report(url: string, overrides: Partial<NewReport> = {}): NewReport {
  reporters += 1;
  return { url, category: "fraud_scam", scene: "group", reporterHash: reporterHash(`share-${reporters}`), source: "api", ...overrides };
}

beforeAll(async () => {
  await seedDemo(db, { now });
});

// Each platform's share text, as its app copies it, and the plain link it holds.
const SHARE_TEXTS: [platform: string, text: string, link: string][] = [
  ["Douyin", "7.43 复制打开抖音，看看【某某的作品】今天的晚霞 # 日落 https://v.douyin.com/iRNBho6u/ 复制此链接，打开Dou音搜索，直接观看视频！", "https://v.douyin.com/iRNBho6u/"],
  ["Kuaishou", "https://v.kuaishou.com/Kx7Ab2 作品描述 该作品在快手被播放过1.2万次，点击链接，打开【快手】直接观看！", "https://v.kuaishou.com/Kx7Ab2"],
  ["Taobao", "【淘宝】https://m.tb.cn/h.5XyZabc?tk=AbCd1234 CZ0001 「限时秒杀」点击链接直接打开 或者 淘宝搜索直接打开", "https://m.tb.cn/h.5XyZabc?tk=AbCd1234"],
  ["Tmall", "【天猫】￥AbCdEfGhIj￥ https://detail.tmall.com/item.htm?id=612345678 「官方旗舰店」复制这条信息，打开手机淘宝", "https://detail.tmall.com/item.htm?id=612345678"],
  ["Xiaohongshu", "某某发布了一篇小红书笔记，快来看吧！ 😆 AbCdEf 😆 http://xhslink.com/a/AbCdEfGhIjK，复制本条信息，打开【小红书】App查看精彩内容！", "http://xhslink.com/a/AbCdEfGhIjK"],
  ["Bilibili", "【震惊！这个兼职日赚500-哔哩哔哩】 https://b23.tv/AbCdEfG", "https://b23.tv/AbCdEfG"],
  ["Weibo", "分享自微博：转发抽奖送手机！ http://t.cn/A6AbCdEf 快来看看吧。", "http://t.cn/A6AbCdEf"],
  ["Pinduoduo", "https://mobile.yangkeduo.com/goods.html?goods_id=123456 拼多多，就差你一刀了！快帮我砍价～", "https://mobile.yangkeduo.com/goods.html?goods_id=123456"],
  ["JD", "【京东】https://3.cn/1x-AbCdEf「超低价手机」 点击链接直接打开", "https://3.cn/1x-AbCdEf"],
  ["Zhihu", "如何评价这个理财产品？ - 某某的回答 - 知乎 https://www.zhihu.com/question/123/answer/456?utm_psn=789", "https://www.zhihu.com/question/123/answer/456?utm_psn=789"],
  ["WeChat article", "【重要通知】领取补贴：https://mp.weixin.qq.com/s/AbCdEf_gHi 转发到三个群即可领取。", "https://mp.weixin.qq.com/s/AbCdEf_gHi"],
];

describe("a share text lands in the plain link's case", () => {
  for (const [platform, text, link] of SHARE_TEXTS) {
    it(platform, () => {
      const plain = fileReport(db, report(link), { now });
      const shared = fileReport(db, report(text), { now, requestId: `share-${platform}` });
      expect(shared.outcome).toBe("created");
      expect(shared.report.caseId).toBe(plain.report.caseId);
      expect(shared.report.canonicalUrl).toBe(plain.report.canonicalUrl);
      expect(shared.shareText).toEqual({ filedUrl: link, linksFound: 1 });
      // The report keeps what was pasted; the link keeps the link as written.
      expect(one<{ raw_url: string }>("select raw_url from reports where id = ?", shared.report.id).raw_url).toBe(text);
      const variants = sqlite.prepare("select v.raw_url from link_variants v join reports r on r.link_id = v.link_id where r.id = ?").all(shared.report.id) as { raw_url: string }[];
      expect(variants.map((v) => v.raw_url)).not.toContain(text);
      const event = one<{ after: string }>("select after from audit_events where request_id = ? and action = 'report.created'", `share-${platform}`);
      expect(JSON.parse(event.after)).toMatchObject({ shareTextLinks: 1 });
    });
  }
});

describe("share text without exactly one link", () => {
  it("refuses text with no link, clearly, and writes nothing", () => {
    const refusal = refusedWithoutWrites(() => fileReport(db, report("￥AbCdEfGhIj￥ 打开手机淘宝即可查看，买到就是赚到。"), { now }));
    expect(refusal.fieldErrors?.url).toEqual(["validation.url.no_link"]);
  });

  const twoLinks = "看这两个：https://b23.tv/Twin0001 和 https://b23.tv/Twin0002 都是骗人的！";

  it("files the first of several links through the API, and says so", () => {
    const filed = fileReport(db, report(twoLinks), { now });
    expect(filed.report.canonicalUrl).toBe("https://b23.tv/Twin0001");
    expect(filed.shareText).toEqual({ filedUrl: "https://b23.tv/Twin0001", linksFound: 2 });
  });

  it("asks the portal's reporter which one, then files the chosen one", async () => {
    const origin = { ip: "203.0.113.77", visitorId: "share-text-visitor" };
    const form = { url: twoLinks, category: "fraud_scam", scene: "group" };
    const before = one<{ n: number }>("select count(*) as n from reports").n;
    const asked = await filePortalReport.run(null, form, "share-portal-1", origin);
    expect(asked).toMatchObject({ ok: false, fieldErrors: { url: ["validation.url.several_links"], linkChoices: ["https://b23.tv/Twin0001", "https://b23.tv/Twin0002"] } });
    expect(one<{ n: number }>("select count(*) as n from reports").n).toBe(before);

    const wrongChoice = await filePortalReport.run(null, { ...form, chosenUrl: "https://b23.tv/Elsewhere" }, "share-portal-2", origin);
    expect(wrongChoice).toMatchObject({ ok: false, fieldErrors: { url: ["validation.url.choice_not_in_text"] } });

    const filed = await filePortalReport.run(null, { ...form, chosenUrl: "https://b23.tv/Twin0002" }, "share-portal-3", origin);
    expect(filed.ok).toBe(true);
    const row = one<{ raw_url: string; canonical_url: string }>(
      "select r.raw_url, l.canonical_url from reports r join links l on l.id = r.link_id where r.id = (select max(id) from reports)",
    );
    expect(row).toEqual({ raw_url: twoLinks, canonical_url: "https://b23.tv/Twin0002" });
  });
});
