import { describe, expect, it } from "vitest";
import { attribute } from "@/lib/platforms/attribution";
import type { DomainEntry, DomainIndex } from "@/lib/platforms/domain-index";

const douyin = { platformId: 10, slug: "douyin", name: "Douyin" };
const taobao = { platformId: 20, slug: "taobao", name: "Taobao & Tmall" };
const netease = { platformId: 30, slug: "netease", name: "NetEase" };
const music = { platformId: 31, slug: "netease-music", name: "NetEase Cloud Music" };
const INDEPENDENT = 99;

const entries: [string, DomainEntry][] = [
  ["douyin.com", { ...douyin, kind: "registrable" }],
  ["v.douyin.com", { ...douyin, kind: "short_link" }],
  ["taobao.com", { ...taobao, kind: "registrable" }],
  ["m.tb.cn", { ...taobao, kind: "short_link" }],
  ["163.com", { ...netease, kind: "registrable" }],
  ["music.163.com", { ...music, kind: "registrable" }],
];
const index: DomainIndex = { domains: new Map(entries), independentPlatformId: INDEPENDENT };

const independent = { platform: null, platformId: INDEPENDENT, isShortLink: false, matchedDomain: null };

describe("attribute", () => {
  it("a short-link host is its platform's short link", () => {
    expect(attribute(index, "v.douyin.com", "douyin.com")).toEqual({
      platform: { id: 10, slug: "douyin", name: "Douyin" },
      platformId: 10,
      isShortLink: true,
      matchedDomain: "v.douyin.com",
    });
  });

  it("a subdomain belongs to the platform through its registrable domain", () => {
    expect(attribute(index, "www.douyin.com", "douyin.com")).toMatchObject({ platformId: 10, isShortLink: false, matchedDomain: "douyin.com" });
    expect(attribute(index, "a.b.c.douyin.com", "douyin.com")).toMatchObject({ platformId: 10, matchedDomain: "douyin.com" });
    expect(attribute(index, "douyin.com", "douyin.com")).toMatchObject({ platformId: 10, matchedDomain: "douyin.com" });
  });

  it("a host under a short-link host is a short link too (the most specific entry decides)", () => {
    expect(attribute(index, "x.v.douyin.com", "douyin.com")).toMatchObject({ platformId: 10, isShortLink: true, matchedDomain: "v.douyin.com" });
  });

  it("the most specific entry wins over its parent's platform", () => {
    expect(attribute(index, "music.163.com", "163.com")).toMatchObject({ platformId: 31, matchedDomain: "music.163.com" });
    expect(attribute(index, "y.music.163.com", "163.com")).toMatchObject({ platformId: 31 });
    expect(attribute(index, "news.163.com", "163.com")).toMatchObject({ platformId: 30, matchedDomain: "163.com" });
  });

  it("m.tb.cn is Taobao's short link while tb.cn and its other hosts are not registered", () => {
    expect(attribute(index, "m.tb.cn", "tb.cn")).toMatchObject({ platformId: 20, isShortLink: true, matchedDomain: "m.tb.cn" });
    expect(attribute(index, "tb.cn", "tb.cn")).toEqual(independent);
    expect(attribute(index, "x.tb.cn", "tb.cn")).toEqual(independent);
  });

  it("look-alike and suffix-stuffed domains are independent", () => {
    expect(attribute(index, "evil-douyin.com", "evil-douyin.com")).toEqual(independent);
    expect(attribute(index, "www.evil-douyin.com", "evil-douyin.com")).toEqual(independent);
    expect(attribute(index, "douyin.com.evil.example", "evil.example")).toEqual(independent);
    expect(attribute(index, "v.douyin.com.evil.example", "evil.example")).toEqual(independent);
  });

  it("never walks above the registrable domain", () => {
    const withSuffix: DomainIndex = { domains: new Map([...entries, ["com.cn", { ...douyin, kind: "registrable" }]]), independentPlatformId: INDEPENDENT };
    expect(attribute(withSuffix, "shop.example.com.cn", "example.com.cn")).toEqual(independent);
  });

  it("a registrable domain that is not a parent of the host only lets the exact host match", () => {
    expect(attribute(index, "www.douyin.com", "unrelated.example")).toEqual(independent);
    expect(attribute(index, "www.douyin.com", "")).toEqual(independent);
    expect(attribute(index, "v.douyin.com", "")).toMatchObject({ platformId: 10, isShortLink: true });
  });

  it("ignores case and a trailing dot", () => {
    expect(attribute(index, "WWW.Douyin.COM.", "douyin.com.")).toMatchObject({ platformId: 10, matchedDomain: "douyin.com" });
  });

  it("IP literals are always independent", () => {
    const withIp: DomainIndex = {
      domains: new Map([...entries, ["1.2.3.4", { ...douyin, kind: "registrable" }], ["::1", { ...douyin, kind: "registrable" }]]),
      independentPlatformId: INDEPENDENT,
    };
    expect(attribute(withIp, "1.2.3.4", "1.2.3.4")).toEqual(independent);
    expect(attribute(withIp, "[::1]", "[::1]")).toEqual(independent);
    expect(attribute(withIp, "::1", "::1")).toEqual(independent);
  });

  it("an empty host is independent", () => {
    expect(attribute(index, "", "")).toEqual(independent);
  });
});
