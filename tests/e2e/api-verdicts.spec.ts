// The verdict API and the change feed over real HTTP against the built server: every status code.
import { expect, test } from "@playwright/test";
import { readDatabase } from "./support";

const auth = { authorization: "Bearer ld_demo_client_key" };

/** A demo link under a URL verdict of `level` in force now. */
function linkUnder(level: "L1" | "L2" | "L3"): string {
  return readDatabase((db) => {
    const row = db
      .prepare(
        `select l.canonical_url as url from verdicts v join links l on l.id = v.link_id
          where v.scope = 'url' and v.level = ? and v.lifted_at is null and v.starts_at <= ?
            and (v.expires_at is null or v.expires_at > ?)
            and not exists (select 1 from verdicts d where d.scope = 'domain' and d.domain = l.registrable_domain and d.lifted_at is null)
          order by v.id limit 1`,
      )
      .get(level, new Date().toISOString(), new Date(Date.now() + 600_000).toISOString()) as { url: string } | undefined;
    if (!row) throw new Error(`the demo data has no link under ${level}`);
    return row.url;
  });
}

test("200: allow, warn and block, with reasons in both languages and the platform's grade", async ({ request }) => {
  const allowed = await request.get("/api/v1/links/verdict", { headers: auth, params: { url: "https://item.jd.com/e2e-never-reported.html?spm=1" } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({
    verdict: "allow",
    level: "L0",
    shareable: true,
    reasons: [],
    canonicalUrl: "https://item.jd.com/e2e-never-reported.html",
    platform: { slug: "jd", name: "JD.com", nameZh: "京东" },
    expiresAt: null,
    ttlSeconds: 300,
    mode: "standard",
  });

  const blocked = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: linkUnder("L3"), mode: "relaxed" } })).json();
  expect(blocked).toMatchObject({ verdict: "block", level: "L3", shareable: false, mode: "relaxed" });
  expect(blocked.reasons[0]).toMatchObject({ kind: "verdict", level: "L3" });
  expect(blocked.reasons[0].en.length).toBeGreaterThan(10);
  expect(blocked.reasons[0].zh).toMatch(/[\u4e00-\u9fff]/);

  const warned = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: linkUnder("L1") } })).json();
  expect(warned).toMatchObject({ verdict: "warn", level: "L1", shareable: true });
  const relaxed = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: linkUnder("L1"), mode: "relaxed" } })).json();
  expect(relaxed).toMatchObject({ verdict: "allow", level: "L1", reasons: [] });

  const strict = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: "http://198.51.100.4/app.apk", mode: "strict" } })).json();
  expect(strict).toMatchObject({ verdict: "warn", platform: null });
  expect(strict.reasons.map((r: { code: string }) => r.code)).toEqual(["unattributed_domain", "ip_literal"]);
});

test("400 for a missing or invalid url, an unknown mode or parameter; 401 without a valid key; 405 for other methods", async ({ request }) => {
  const cases: [Record<string, string>, string][] = [
    [{}, "url"],
    [{ url: "" }, "url"],
    [{ url: "javascript:alert(1)" }, "url"],
    [{ url: "https://example.com", mode: "lenient" }, "mode"],
    [{ url: "https://example.com", user: "42" }, "user"],
  ];
  for (const [params, field] of cases) {
    const response = await request.get("/api/v1/links/verdict", { headers: auth, params });
    expect(response.status(), JSON.stringify(params)).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.error.fields), JSON.stringify(params)).toContain(field);
  }
  expect((await request.get("/api/v1/links/verdict", { params: { url: "https://example.com" } })).status()).toBe(401);
  expect((await request.get("/api/v1/links/verdict", { headers: { authorization: "Bearer ld_not_a_key" }, params: { url: "https://example.com" } })).status()).toBe(401);
  expect((await request.delete("/api/v1/links/verdict", { headers: auth })).status()).toBe(405);
});

test("a batch answers up to 500 links in order, a bad link in its place; more, none or malformed is 400, oversized 413", async ({ request }) => {
  const blockedUrl = linkUnder("L3");
  const response = await request.post("/api/v1/links/verdicts", {
    headers: auth,
    data: { urls: [blockedUrl, "ftp://nope", "https://item.jd.com/e2e-batch.html"], mode: "standard" },
  });
  expect(response.status()).toBe(200);
  const { results } = await response.json();
  expect(results.map((r: { verdict?: string; error?: { code: string } }) => r.verdict ?? r.error?.code)).toEqual(["block", "invalid_url", "allow"]);
  expect(results[0].url).toBe(blockedUrl);

  const full = await request.post("/api/v1/links/verdicts", { headers: auth, data: { urls: Array.from({ length: 500 }, (_, i) => `https://item.taobao.com/item.htm?id=${i}`) } });
  expect(full.status()).toBe(200);
  expect((await full.json()).results).toHaveLength(500);

  for (const data of [{ urls: Array.from({ length: 501 }, (_, i) => `https://a.example/${i}`) }, { urls: [] }, { urls: "https://a.example" }, { urls: ["https://a.example"], mode: "x" }]) {
    expect((await request.post("/api/v1/links/verdicts", { headers: auth, data })).status()).toBe(400);
  }
  const malformed = await request.post("/api/v1/links/verdicts", { headers: { ...auth, "content-type": "application/json" }, data: "{not json" });
  expect(malformed.status()).toBe(400);
  const huge = await request.post("/api/v1/links/verdicts", { headers: auth, data: { urls: ["x".repeat(2_000_000)] } });
  expect(huge.status()).toBe(413);
});

test("the change feed pages through every verdict change in order", async ({ request }) => {
  const total = readDatabase((db) => (db.prepare("select count(*) as n from verdict_changes").get() as { n: number }).n);
  expect(total).toBeGreaterThan(10);
  const seen: number[] = [];
  let since = 0;
  for (;;) {
    const response = await request.get("/api/v1/links/feed", { headers: auth, params: { since: String(since), limit: "400" } });
    expect(response.status()).toBe(200);
    const page = await response.json();
    for (const change of page.changes) {
      expect(change.key).toMatch(/^[0-9a-f]{64}$/);
      expect(["url", "path", "host", "domain"]).toContain(change.keyType);
      expect(page.format).toBe(2);
      seen.push(change.seq);
    }
    since = page.nextSince;
    if (!page.hasMore) break;
  }
  expect(seen).toHaveLength(total);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  const after = await (await request.get("/api/v1/links/feed", { headers: auth, params: { since: String(since) } })).json();
  expect(after).toEqual({ changes: [], format: 2, nextSince: since, hasMore: false });

  const invalid: Record<string, string>[] = [{ since: "-1" }, { since: "abc" }, { limit: "0" }, { limit: "1001" }, { cursor: "1" }];
  for (const params of invalid) {
    expect((await request.get("/api/v1/links/feed", { headers: auth, params })).status(), JSON.stringify(params)).toBe(400);
  }
  expect((await request.get("/api/v1/links/feed")).status()).toBe(401);
});

// The demo's L3 block, as a user could be handed it: every spelling blocks in every mode; near misses do not.
test("a URL block holds for every spelling of the blocked page, in every mode; near misses stay open", async ({ request }) => {
  const blocked = "https://jianzhi-fanli.top/jianzhi/60721.html";
  const spellings = [
    blocked,
    "http://jianzhi-fanli.top/jianzhi/60721.html",
    `${blocked}?`,
    `${blocked}?a=1`,
    `${blocked}?&`,
    `${blocked}/`,
    `${blocked};jsessionid=1`,
    "https://www.jianzhi-fanli.top/jianzhi/60721.html",
    "HTTPS://JIANZHI-FANLI.TOP:443/jianzhi/60721.html#apply",
    "https://jianzhi-fanli.top./jianzhi//60721.html?utm_source=wechat&from=singlemessage",
  ];
  for (const mode of ["standard", "strict", "relaxed"]) {
    const { results } = await (await request.post("/api/v1/links/verdicts", { headers: auth, data: { urls: spellings, mode } })).json();
    for (const [i, answer] of results.entries()) expect({ url: spellings[i], mode, verdict: answer.verdict }).toEqual({ url: spellings[i], mode, verdict: "block" });
    const single = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: spellings[6]!, mode } })).json();
    expect(single).toMatchObject({ verdict: "block", level: "L3" });
  }
  for (const miss of ["https://jianzhi-fanli.top/jianzhi/60722.html", "https://jianzhi-fanli.top/jianzhi2/60721.html", "https://jianzhi-fanli.top.example.com/jianzhi/60721.html"]) {
    const answer = await (await request.get("/api/v1/links/verdict", { headers: auth, params: { url: miss } })).json();
    expect({ miss, verdict: answer.verdict }).not.toEqual({ miss, verdict: "block" });
  }
});

test("a share text filed over the API joins the plain link's case, and one without a link is a 400 that files nothing", async ({ request }) => {
  const plain = "https://v.douyin.com/e2eShare1/";
  const filedPlain = await (await request.post("/api/v1/reports", { headers: auth, data: { url: plain, category: "fraud_scam", scene: "group", reporterId: "e2e-share-a" } })).json();
  const text = `7.43 复制打开抖音，看看【某某的作品】今天的晚霞 # 日落 ${plain} 复制此链接，打开Dou音搜索，直接观看视频！`;
  const response = await request.post("/api/v1/reports", { headers: auth, data: { url: text, category: "fraud_scam", scene: "group", reporterId: "e2e-share-b" } });
  expect(response.status()).toBe(201);
  const filed = await response.json();
  expect(filed).toMatchObject({ caseId: filedPlain.caseId, canonicalUrl: plain, shareText: { filedUrl: plain, linksFound: 1 } });
  const stored = readDatabase((db) => (db.prepare("select raw_url from reports where id = ?").get(filed.id) as { raw_url: string }).raw_url);
  expect(stored).toBe(text);

  const before = readDatabase((db) => (db.prepare("select count(*) as n from reports").get() as { n: number }).n);
  const none = await request.post("/api/v1/reports", { headers: auth, data: { url: "￥AbCdEfGhIj￥ 打开手机淘宝即可查看", category: "fraud_scam", scene: "group", reporterId: "e2e-share-c" } });
  expect(none.status()).toBe(400);
  expect((await none.json()).error.fields.url[0]).toContain("No link was found");
  expect(readDatabase((db) => (db.prepare("select count(*) as n from reports").get() as { n: number }).n)).toBe(before);
});

test("the OpenAPI document describes the verdict API and the feed", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/links/verdict", "/api/v1/links/verdicts", "/api/v1/links/feed"]));
  expect(doc.components.schemas.LinkVerdict.properties.verdict.enum).toEqual(["allow", "warn", "block"]);
});
