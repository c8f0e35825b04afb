import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalize, MAX_LINK_LENGTH } from "@/lib/links/canonicalize";

// Fixed seed: a failure names its counterexample and reruns the same way everywhere.
const SETTINGS = { seed: 20_250_601, numRuns: 3_000 } as const;
const REASONS = new Set(["empty", "too_long", "unsupported_scheme", "invalid_host", "unparseable"]);

// --- Realistic links: the platforms' hosts, look-alikes, IP spellings, tracking parameters, tricks.

const platformHost = fc.constantFrom(
  "item.taobao.com", "detail.tmall.com", "v.douyin.com", "www.iesdouyin.com", "m.tb.cn", "b23.tv",
  "www.bilibili.com", "mobile.yangkeduo.com", "mp.weixin.qq.com", "www.xiaohongshu.com", "xhslink.com",
  "m.weibo.cn", "t.cn", "www.zhihu.com", "news.bbc.co.uk", "shop.github.io", "a_b.example.com",
);
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const randomHost = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("com", "cn", "net", "io", "co.uk", "com.cn", "xn--fiqs8s", "example"))
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`);
const idnHost = fc.constantFrom("тaobao.com", "münchen.de", "中国移动.中国", "аррӏе.com", "ｔａｏｂａｏ．com", "taobao。com", "qq音乐.com", "xn--80ak6aa92e.com");
const byte = fc.integer({ min: 0, max: 255 });
const ipv4Host = fc.oneof(
  fc.tuple(byte, byte, byte, byte).map((parts) => parts.join(".")),
  fc.integer({ min: 0, max: 0xffffffff }).map(String),
  fc.integer({ min: 0, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`),
  fc.tuple(byte, fc.integer({ min: 0, max: 0xffffff })).map(([a, b]) => `0${a.toString(8)}.0x${b.toString(16).toUpperCase()}`),
  fc.tuple(byte, byte, byte, byte).map((parts) => `[::ffff:${parts.join(".")}]`),
);
const ipv6Host = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 })
  .map((pieces) => `[${pieces.map((p) => (p === 0 ? "0" : p.toString(16))).join(":").replace(/(^|:)0(:0)+(:|$)/, "::")}]`);
const escapedHost = platformHost.map((h) => h.replace(/[aeo.]/g, (c) => `%${c.charCodeAt(0).toString(16)}`));
const host = fc
  .tuple(fc.oneof(platformHost, randomHost, idnHost, ipv4Host, ipv6Host, escapedHost), fc.boolean(), fc.constantFrom("", ".", ".."))
  .map(([h, upper, dots]) => `${upper ? h.toUpperCase() : h}${h.startsWith("[") ? "" : dots}`);

const scheme = fc.constantFrom("http://", "https://", "HTTP://", "HtTpS://", "", "//", "http:\\\\", "http:");
const userinfo = fc.constantFrom("", "", "", "user:pass@", "taobao.com@", "a@b@", "taobao.com\\@", "x%40y@");
const port = fc.constantFrom("", "", "", ":80", ":443", ":8080", ":0", ":65535", ":");
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/),
  fc.constantFrom(".", "..", "%2e%2e", "%252e%252e", "%2F", "%3F", "%23", "%25", "%5C", "你好", "a b", "%7Euser", "\\", "", "%E4%BD%A0", "%zz"),
);
const path = fc.array(segment, { maxLength: 6 }).map((segments) => (segments.length === 0 ? "" : `/${segments.join("/")}`));
const param = fc
  .tuple(
    fc.constantFrom("id", "q", "utm_source", "spm", "ut_sk", "share_source", "from", "p", "t", "xsec_token", "%75tm_medium", "a b", "你", ""),
    fc.constantFrom("1", "singlemessage", "%E4%BD%A0", "%e4%bd%a0", "你好", "a%2Fb", "", "x=y", "/a/../b//c"),
  )
  .map(([name, value]) => `${name}=${value}`);
const query = fc.option(fc.array(param, { maxLength: 5 }).map((params) => `?${params.join("&")}`), { nil: "" });
const fragment = fc.constantFrom("", "", "#frag", "#@evil.example", "#a#b");
const realisticUrl = fc
  .tuple(scheme, userinfo, host, port, path, query, fragment)
  .map((parts) => parts.join(""));

// Damage a realistic link with the characters that tricks are made of.
const trickCharacter = fc.constantFrom("\\", "/", "@", "#", "?", "%", ".", ":", "[", "]", "\t", "\n", " ", "。", "％", "０", "x", "%2", "%25", "\u0000", "\u00a0", "т");
const edit = fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "replace"), trickCharacter);
const mutatedUrl = fc.tuple(realisticUrl, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([url, edits]) => {
  let out = url;
  for (const [at, kind, ch] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind === "insert") out = out.slice(0, i) + ch + out.slice(i);
    else if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + ch + out.slice(i + 1);
  }
  return out;
});
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const anyInput = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "binary-ascii" }),
  loneSurrogates,
  realisticUrl,
  mutatedUrl,
  fc.string({ unit: "binary" }).map((s) => `http://${s}`),
);

function neverThrows(input: string) {
  const result = canonicalize(input);
  if (result.ok) {
    expect(typeof result.link.canonicalUrl).toBe("string");
  } else {
    expect(REASONS.has(result.reason)).toBe(true);
    expect(result.message.length).toBeGreaterThan(0);
  }
}

describe("canonicalize, for any input", () => {
  it("is fed mostly acceptable links by the realistic generator (so the properties below test something)", () => {
    const samples = fc.sample(realisticUrl, { seed: SETTINGS.seed, numRuns: 1_000 });
    const acceptedCount = samples.filter((url) => canonicalize(url).ok).length;
    expect(acceptedCount).toBeGreaterThan(900);
    const damaged = fc.sample(mutatedUrl, { seed: SETTINGS.seed, numRuns: 1_000 });
    expect(damaged.filter((url) => canonicalize(url).ok).length).toBeGreaterThan(300);
  });

  it.each([
    ["printable ASCII strings", fc.string()],
    ["strings of any code point", fc.string({ unit: "binary" })],
    ["strings of any UTF-16 unit, lone surrogates included", loneSurrogates],
    ["realistic links", realisticUrl],
    ["damaged realistic links", mutatedUrl],
  ] as const)("never throws on %s", (_name, arbitrary) => {
    fc.assert(fc.property(arbitrary, neverThrows), SETTINGS);
  });

  it("is idempotent: a canonical link canonicalizes to itself, with the same domain", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = canonicalize(input);
        if (!first.ok) return;
        const second = canonicalize(first.link.canonicalUrl);
        expect(second.ok).toBe(true);
        if (!second.ok) return;
        expect(second.link.canonicalUrl).toBe(first.link.canonicalUrl);
        expect(second.link.registrableDomain).toBe(first.link.registrableDomain);
        expect(second.link.host).toBe(first.link.host);
        expect(second.link.port).toBe(first.link.port);
        expect(second.link.isMixedScript).toBe(first.link.isMixedScript);
        expect(second.link.strippedParams).toEqual([]);
      }),
      SETTINGS,
    );
  });

  it("gives URLs that parse with the same host, scheme and port, in ASCII, without a fragment", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = canonicalize(input);
        if (!result.ok) return;
        const { canonicalUrl, host, port } = result.link;
        const parsed = new URL(canonicalUrl);
        expect(parsed.hostname).toBe(host);
        expect(parsed.port).toBe(port === null ? "" : String(port));
        expect(["http:", "https:"]).toContain(parsed.protocol);
        expect(canonicalUrl.startsWith(`${parsed.protocol}//${host}`)).toBe(true);
        expect(canonicalUrl).toMatch(/^[\x21-\x7e]+$/);
        expect(canonicalUrl).not.toContain("#");
        expect(canonicalUrl.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
      }),
      SETTINGS,
    );
  });

  it("agrees on the host with a browser's URL parser when the link has no backslash", () => {
    // The one place the spec departs from the WHATWG parser is `\` in the authority; elsewhere the
    // host a browser would open and the canonical host must be the same machine.
    fc.assert(
      fc.property(fc.oneof(realisticUrl, mutatedUrl), (input) => {
        if (input.includes("\\") || !/^\s*https?:/i.test(input)) return;
        let browserHref: string;
        try {
          browserHref = new URL(input).href;
        } catch {
          return;
        }
        const ours = canonicalize(input);
        const viaBrowser = canonicalize(browserHref);
        if (!ours.ok || !viaBrowser.ok) return;
        expect(viaBrowser.link.host).toBe(ours.link.host);
      }),
      SETTINGS,
    );
  });

  it("never lets a user name, however tricky, choose the host", () => {
    const piece = fc.oneof(
      fc.constantFrom("@", "\\", ":", "[", "]", "%40", "%2F", ".", "taobao.com", " ", "\t", "。"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    const userName = fc.string({ unit: piece, maxLength: 12 }).filter((s) => !/[/?#]/.test(s));
    fc.assert(
      fc.property(userName, (name) => {
        const result = canonicalize(`http://${name}@evil.example/x`);
        expect(result.ok && result.link.host).toBe("evil.example");
      }),
      SETTINGS,
    );
  });
});
