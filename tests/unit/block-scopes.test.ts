// Block scopes (lib/verdicts/expressions.ts): every spelling a browser opens as the blocked resource
// meets the verdict, in every scope; near misses do not. Each answer is computed twice, by the
// expressions and each scope's rule (what the SQL lookup and a mirroring client do) and by the memory
// index (what the server answers from), and the two must agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CanonicalLink, canonicalize } from "@/lib/links/canonicalize";
import {
  MAX_HOSTS,
  MAX_PATHS,
  type ScopeChoice,
  allExpressions,
  blockPattern,
  holdsFor,
  hostSuffixes,
  lookupTarget,
  pathScopeChoices,
} from "@/lib/verdicts/expressions";
import { VerdictIndex } from "@/lib/verdicts/verdict-index";

function canon(url: string): CanonicalLink {
  const result = canonicalize(url);
  if (!result.ok) throw new Error(`${url}: ${result.message}`);
  return result.link;
}

function holds(blocked: string, choice: ScopeChoice, tapped: string): boolean {
  const pattern = blockPattern(canon(blocked), choice);
  if (!pattern) throw new Error(`${blocked} has no ${JSON.stringify(choice)}`);
  const target = lookupTarget(canon(tapped));
  const byRule = allExpressions(target).includes(pattern.expression) && holdsFor(pattern, target);
  const index = new VerdictIndex();
  index.add({ verdictId: 7, ...pattern, level: "L3", category: 0, ruleVersionId: 1, startsAt: 0, expiresAt: Infinity });
  const byIndex = index.matches(target, 1).length > 0;
  expect(byIndex, `index and rule disagree: ${blocked} ${JSON.stringify(choice)} ${tapped}`).toBe(byRule);
  return byRule;
}

const BLOCKED = "https://jianzhi-fanli.top/jianzhi/60721.html";

// Every one of these opens the blocked page (the demo's L3 block), or a page under it.
const SPELLINGS = [
  "http://jianzhi-fanli.top/jianzhi/60721.html",
  "https://jianzhi-fanli.top/jianzhi/60721.html?",
  "https://jianzhi-fanli.top/jianzhi/60721.html?a=1",
  "https://jianzhi-fanli.top/jianzhi/60721.html?&",
  "https://jianzhi-fanli.top/jianzhi/60721.html/",
  "https://jianzhi-fanli.top/jianzhi/60721.html;jsessionid=1",
  "https://jianzhi-fanli.top/jianzhi;x=y/60721.html",
  "https://www.jianzhi-fanli.top/jianzhi/60721.html",
  "https://m.jianzhi-fanli.top/jianzhi/60721.html",
  "HTTPS://JIANZHI-FANLI.TOP/jianzhi/60721.html",
  "https://jianzhi-fanli.top:443/jianzhi/60721.html",
  "http://jianzhi-fanli.top:80/jianzhi/60721.html",
  "https://jianzhi-fanli.top./jianzhi/60721.html",
  "https://jianzhi-fanli.top/jianzhi/60721.html#apply",
  "https://jianzhi-fanli.top/jianzhi/60721.html?utm_source=wechat&from=singlemessage",
  "jianzhi-fanli.top/jianzhi/60721.html",
  "//jianzhi-fanli.top/jianzhi/60721.html",
  "https://jianzhi-fanli.top/jianzhi/./60721.html",
  "https://jianzhi-fanli.top//jianzhi//60721.html",
  "https://jianzhi-fanli.top/x/../jianzhi/60721.html",
  "https://jianzhi-fanli.top/%6Aianzhi/60721.html",
  "https://user:pw@jianzhi-fanli.top/jianzhi/60721.html",
  "https://jianzhi-fanli.top:8443/jianzhi/60721.html",
  "  https://jianzhi-fanli.top/jianzhi/60721.html\n",
];

const SCOPES: ScopeChoice[] = [{ scope: "url" }, { scope: "path", path: "/jianzhi" }, { scope: "path", path: "/jianzhi/60721.html" }, { scope: "host" }, { scope: "domain" }];

describe("a block holds for every spelling of the blocked page, in every scope", () => {
  for (const choice of SCOPES) {
    it(JSON.stringify(choice), () => {
      for (const spelling of SPELLINGS) expect(holds(BLOCKED, choice, spelling), spelling).toBe(true);
    });
  }
});

describe("near misses", () => {
  const misses: [ScopeChoice, string][] = [
    [{ scope: "url" }, "https://jianzhi-fanli.top/jianzhi/60722.html"],
    [{ scope: "url" }, "https://jianzhi-fanli.top/jianzhi/60721.htm"],
    [{ scope: "url" }, "https://jianzhi-fanli.top/jianzhi/60721.html/apply"],
    [{ scope: "url" }, "https://jianzhi-fanli.top/jianzhi/"],
    [{ scope: "url" }, "https://jianzhi-fanli.top/"],
    [{ scope: "url" }, "https://jianzhi-fanli.top.evil.example/jianzhi/60721.html"],
    [{ scope: "url" }, "https://my-jianzhi-fanli.top/jianzhi/60721.html"],
    [{ scope: "url" }, "https://jianzhi-fanli.top.cn/jianzhi/60721.html"],
    [{ scope: "url" }, "https://evil.example/jianzhi-fanli.top/jianzhi/60721.html"],
    [{ scope: "url" }, "https://evil.example/?u=https://jianzhi-fanli.top/jianzhi/60721.html"],
    [{ scope: "path", path: "/jianzhi" }, "https://jianzhi-fanli.top/jianzhi2/60721.html"],
    [{ scope: "path", path: "/jianzhi" }, "https://jianzhi-fanli.top/other/jianzhi/60721.html"],
    [{ scope: "path", path: "/jianzhi" }, "https://jianzhi-fanli.top/"],
    [{ scope: "path", path: "/jianzhi" }, "https://jianzhi-fanli.top/Jianzhi/60721.html"],
    [{ scope: "path", path: "/jianzhi/60721.html" }, "https://jianzhi-fanli.top/jianzhi/60722.html"],
    [{ scope: "host" }, "https://jianzhi-fanli.top.evil.example/"],
    [{ scope: "domain" }, "https://other-fanli.top/jianzhi/60721.html"],
  ];
  for (const [choice, tapped] of misses) {
    it(`${JSON.stringify(choice)} does not hold for ${tapped}`, () => {
      expect(holds(BLOCKED, choice, tapped)).toBe(false);
    });
  }

  it("a URL block needs the blocked link's own parameters, in any order, with anything added", () => {
    const item = "https://item.taobao.com/item.htm?id=612345&sku=2";
    expect(blockPattern(canon(item), { scope: "url" })).toEqual({ scope: "url", expression: "item.taobao.com/item.htm?id=612345", requiredParams: ["id=612345", "sku=2"] });
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm?sku=2&id=612345")).toBe(true);
    expect(holds(item, { scope: "url" }, "http://item.taobao.com/item.htm?id=612345&sku=2&spm=a1z10&ali_trackid=9")).toBe(true);
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm?id=%36%312345&sku=2")).toBe(true);
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm?id=612346&sku=2")).toBe(false);
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm?id=612345")).toBe(false);
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm?ID=612345&sku=2")).toBe(false);
    expect(holds(item, { scope: "url" }, "https://item.taobao.com/item.htm")).toBe(false);
    // A path block on the item page ignores its parameters: every item behind that path.
    expect(holds(item, { scope: "path", path: "/item.htm" }, "https://item.taobao.com/item.htm?id=1")).toBe(true);
  });

  it("a host block holds on the host and below it, not on its parent or siblings", () => {
    const shop = "https://shop123.taobao.com/category.htm";
    expect(holds(shop, { scope: "host" }, "https://shop123.taobao.com/index.htm")).toBe(true);
    expect(holds(shop, { scope: "host" }, "https://m.shop123.taobao.com/")).toBe(true);
    expect(holds(shop, { scope: "host" }, "https://shop124.taobao.com/category.htm")).toBe(false);
    expect(holds(shop, { scope: "host" }, "https://taobao.com/category.htm")).toBe(false);
    expect(holds(shop, { scope: "host" }, "https://www.taobao.com/")).toBe(false);
  });

  it("IP literals are only themselves", () => {
    expect(holds("http://203.0.113.9/pay", { scope: "host" }, "http://203.0.113.9:8080/x")).toBe(true);
    expect(holds("http://203.0.113.9/pay", { scope: "url" }, "http://0xCB.0.113.9/pay")).toBe(true);
    expect(holds("http://203.0.113.9/pay", { scope: "host" }, "http://203.0.113.10/pay")).toBe(false);
  });
});

describe("lookup expressions are bounded", () => {
  it("tries at most MAX_HOSTS hosts and MAX_PATHS paths, and always the registrable domain and the whole path", () => {
    const link = canon("https://a.b.c.d.e.f.example.com.cn/1/2/3/4/5/6/7/8.html?x=1");
    const hosts = hostSuffixes(link.host, link.registrableDomain, false);
    expect(hosts).toEqual(["a.b.c.d.e.f.example.com.cn", "www.a.b.c.d.e.f.example.com.cn", "d.e.f.example.com.cn", "e.f.example.com.cn", "f.example.com.cn", "example.com.cn"]);
    const target = lookupTarget(link);
    expect(target.pathsPerHost).toBe(MAX_PATHS);
    expect(target.expressions.length).toBe(MAX_HOSTS * MAX_PATHS);
    expect(target.expressions.slice(0, MAX_PATHS)).toEqual([
      "a.b.c.d.e.f.example.com.cn/1/2/3/4/5/6/7/8.html",
      "a.b.c.d.e.f.example.com.cn/",
      "a.b.c.d.e.f.example.com.cn/1",
      "a.b.c.d.e.f.example.com.cn/1/2",
      "a.b.c.d.e.f.example.com.cn/1/2/3",
      "a.b.c.d.e.f.example.com.cn/1/2/3/4",
    ]);
  });

  it("offers path scopes only as deep as lookups reach", () => {
    expect(pathScopeChoices(canon("https://x.example/a/b/c/d/e/f.html"))).toEqual(["/a", "/a/b", "/a/b/c", "/a/b/c/d"]);
    expect(pathScopeChoices(canon("https://x.example/jianzhi/60721.html"))).toEqual(["/jianzhi", "/jianzhi/60721.html"]);
    expect(pathScopeChoices(canon("https://x.example/"))).toEqual([]);
    expect(blockPattern(canon("https://x.example/a/b"), { scope: "path", path: "/c" })).toBeNull();
  });
});

// ── Properties ──────────────────────────────────────────────────────────────

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}(\.html)?$/);
const param = fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), fc.stringMatching(/^[a-zA-Z0-9]{0,6}$/)).map(([k, v]) => `${k}=${v}`);
const urlParts = fc.record({
  sub: fc.array(label, { maxLength: 3 }),
  domain: label,
  tld: fc.constantFrom("com", "top", "cn", "com.cn"),
  path: fc.array(segment, { maxLength: 6 }),
  params: fc.uniqueArray(param, { maxLength: 3, selector: (p) => p.split("=")[0] }),
});
type Parts = typeof urlParts extends fc.Arbitrary<infer T> ? T : never;
const urlOf = (p: Parts) =>
  `https://${[...p.sub, p.domain, p.tld].join(".")}/${p.path.join("/")}${p.params.length > 0 ? `?${p.params.join("&")}` : ""}`;

// Spellings a browser opens as the same resource.
const respellings: ((p: Parts, url: string) => string)[] = [
  (_, url) => url.replace("https://", "http://"),
  (_, url) => url.replace(/^https?:\/\/[^/:]+/, (m) => m.toUpperCase()),
  (p, url) => (p.sub[0] === "www" ? url : url.replace("https://", "https://www.")),
  (p, url) => (p.path.length > 0 ? url.replace(/(\?|$)/, "/$1") : url),
  (p, url) => (p.path.length > 0 ? url.replace(/(\?|$)/, ";jsessionid=ABC$1") : url),
  (_, url) => `${url}#frag`,
  (_, url) => `${url}${url.includes("?") ? "&" : "?"}utm_source=wechat&extra=1`,
  (p, url) => (p.params.length > 1 ? url.replace(/\?.*$/, `?${[...p.params].reverse().join("&")}`) : url),
  (_, url) => url.replace(/\/\/([^/:]+)/, "//$1:443"),
  (_, url) => url.replace(/\/\/([^/:]+)/, "//$1."),
];

describe("properties", () => {
  it("every scope of a block holds for any combination of respellings of the blocked link", () => {
    fc.assert(
      fc.property(urlParts, fc.shuffledSubarray(respellings), fc.nat(), (parts, steps, pick) => {
        const url = urlOf(parts);
        const link = canon(url);
        const paths = pathScopeChoices(link);
        const choices: ScopeChoice[] = [{ scope: "url" }, { scope: "host" }, { scope: "domain" }];
        if (paths.length > 0) choices.push({ scope: "path", path: paths[pick % paths.length]! });
        const tapped = steps.reduce((u, step) => step(parts, u), url);
        for (const choice of choices) expect(holds(url, choice, tapped), `${JSON.stringify(choice)} ${tapped}`).toBe(true);
      }),
      { numRuns: 500, seed: 20261208 },
    );
  });

  it("a URL block never holds for another path, or without one of its parameters", () => {
    fc.assert(
      fc.property(urlParts, segment, (parts, other) => {
        const url = urlOf(parts);
        const elsewhere = urlOf({ ...parts, path: [...parts.path.slice(0, -1), `${parts.path.at(-1) ?? ""}${other}x`] });
        expect(holds(url, { scope: "url" }, elsewhere)).toBe(false);
        if (parts.params.length > 0) expect(holds(url, { scope: "url" }, urlOf({ ...parts, params: parts.params.slice(1) }))).toBe(false);
      }),
      { numRuns: 300, seed: 20261209 },
    );
  });

  it("the memory index answers as the rule does with many verdicts, lifts and expiries in it", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(urlParts, fc.constantFrom("url", "host", "domain", "path"), fc.boolean(), fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 30 }), urlParts, (blocks, probe) => {
        const index = new VerdictIndex();
        const live: { pattern: NonNullable<ReturnType<typeof blockPattern>>; expiresAt: number }[] = [];
        blocks.forEach(([parts, scope, lifted, expiry], i) => {
          const link = canon(urlOf(parts));
          const path = pathScopeChoices(link)[0];
          const choice: ScopeChoice = scope === "path" ? (path ? { scope, path } : { scope: "url" }) : { scope };
          const pattern = blockPattern(link, choice)!;
          const expiresAt = expiry > 0 ? expiry * 1000 : Infinity;
          index.add({ verdictId: i + 1, ...pattern, level: "L3", category: 0, ruleVersionId: 1, startsAt: 0, expiresAt });
          if (lifted) index.remove(i + 1, pattern.expression);
          else live.push({ pattern, expiresAt });
        });
        for (const tapped of [urlOf(probe), urlOf(blocks[0]![0])]) {
          const target = lookupTarget(canon(tapped));
          const expected = live.filter((v) => v.expiresAt > 2500 && allExpressions(target).includes(v.pattern.expression) && holdsFor(v.pattern, target)).length;
          // Each verdict is met once per expression it is stored under: a verdict can only match one.
          expect(index.matches(target, 2500).length).toBe(expected);
        }
      }),
      { numRuns: 300, seed: 20261210 },
    );
  });
});
