// Editing the platform registry against a real SQLite file with the demo registry: each change is
// audited in its transaction, every refusal writes nothing, and attribution follows the change.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { verifyAuditChain } from "@/lib/audit/verify";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { addPlatformDomainAction } from "@/lib/platforms/actions/add-platform-domain";
import { createPlatformAction } from "@/lib/platforms/actions/create-platform";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex, invalidateDomainIndex } from "@/lib/platforms/domain-index";
import { addPlatformDomain, createPlatform, removePlatformDomain } from "@/lib/platforms/registry-admin";
import { databaseDump, refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();

type Event = { seq: number; actor_id: number | null; action: string; target_type: string; target_id: string; before: string | null; after: string | null; request_id: string | null };
const lastEvent = () => sqlite.prepare("select * from audit_events order by seq desc limit 1").get() as Event;
const platformIdOf = (slug: string) => (sqlite.prepare("select id from platforms where slug = ?").get(slug) as { id: number }).id;
const domainIdOf = (domain: string) => (sqlite.prepare("select id from platform_domains where domain = ?").get(domain) as { id: number } | undefined)?.id;

let manager: Actor;
let independentId: number;

beforeAll(async () => {
  await seedDemo(db, { now: new Date("2026-11-24T08:00:00.000Z") });
  manager = await makeStaff("manager");
  independentId = platformIdOf("independent");
});

/** Asserts that `run` is refused with `code` (and these field errors) and that no row changed. */
function expectRefusal(run: () => unknown, code: string, fieldErrors?: Record<string, string[]>) {
  const refusal = refusedWithoutWrites(run);
  expect(refusal).toMatchObject({ code, ...(fieldErrors ? { fieldErrors } : {}) });
  return refusal;
}

describe("registry changes are audited", () => {
  it("creating a platform, adding a domain and removing it each write one event in the chain", () => {
    const who = { actorId: manager.id, requestId: "req-registry-1" };
    const platform = createPlatform(db, who, { slug: "weixin-channels", name: " WeChat Channels ", nameZh: "视频号", kind: "video" });
    expect(platform).toMatchObject({ slug: "weixin-channels", name: "WeChat Channels" });
    expect(sqlite.prepare("select slug, name, name_zh, kind, is_independent from platforms where id = ?").get(platform.id)).toEqual({
      slug: "weixin-channels",
      name: "WeChat Channels",
      name_zh: "视频号",
      kind: "video",
      is_independent: 0,
    });
    expect(lastEvent()).toMatchObject({ actor_id: manager.id, action: "platform.created", target_type: "platform", target_id: String(platform.id), before: null, request_id: "req-registry-1" });
    expect(JSON.parse(lastEvent().after!)).toEqual({ slug: "weixin-channels", name: "WeChat Channels", nameZh: "视频号", kind: "video" });

    const added = addPlatformDomain(db, who, { platformId: platform.id, domain: "  Channels.Weixin.QQ.com ", kind: "registrable" });
    expect(added).toMatchObject({ domain: "channels.weixin.qq.com", kind: "registrable", platformId: platform.id });
    expect(domainIdOf("channels.weixin.qq.com")).toBe(added.id);
    const addedEvent = lastEvent();
    expect(addedEvent).toMatchObject({ actor_id: manager.id, action: "platform.domain_added", target_type: "platform", target_id: String(platform.id), before: null });
    expect(JSON.parse(addedEvent.after!)).toEqual({ id: added.id, domain: "channels.weixin.qq.com", kind: "registrable" });

    removePlatformDomain(db, who, { domainId: added.id });
    expect(domainIdOf("channels.weixin.qq.com")).toBeUndefined();
    const removedEvent = lastEvent();
    expect(removedEvent).toMatchObject({ seq: addedEvent.seq + 1, action: "platform.domain_removed", target_id: String(platform.id), after: null });
    expect(JSON.parse(removedEvent.before!)).toEqual({ id: added.id, domain: "channels.weixin.qq.com", kind: "registrable" });

    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it("through the action, a manager's change names the manager and the request", async () => {
    const result = await createPlatformAction.run(manager, { slug: "Kuaishou-Lite", name: "Kuaishou Lite", nameZh: "快手极速版", kind: "video" }, "req-registry-2");
    expect(result).toMatchObject({ ok: true, data: { slug: "kuaishou-lite" } });
    expect(lastEvent()).toMatchObject({ actor_id: manager.id, action: "platform.created", request_id: "req-registry-2" });
  });
});

describe("refusals write nothing", () => {
  const who = () => ({ actorId: manager.id });

  it("a slug that is taken, reserved or malformed", () => {
    const slugTaken = { slug: ["platforms.errors.slugTaken"] };
    expectRefusal(() => createPlatform(db, who(), { slug: "douyin", name: "Again", nameZh: "再次", kind: "video" }), "conflict", slugTaken);
    expectRefusal(() => createPlatform(db, who(), { slug: "DOUYIN", name: "Again", nameZh: "再次", kind: "video" }), "conflict", slugTaken);
    expectRefusal(() => createPlatform(db, who(), { slug: "independent", name: "Mine", nameZh: "我的", kind: "shop" }), "conflict", slugTaken);
    for (const slug of ["has space", "under_score", "-lead", "trail-", "double--hyphen", "点评"]) {
      expectRefusal(() => createPlatform(db, who(), { slug, name: "X", nameZh: "某", kind: "shop" }), "invalid", { slug: ["platforms.errors.slugInvalid"] });
    }
  });

  it("a domain registered to any platform, naming the owner", () => {
    const jd = platformIdOf("jd");
    const taken = { domain: ["platforms.errors.domainTaken"], takenBy: ["douyin"] };
    expectRefusal(() => addPlatformDomain(db, who(), { platformId: jd, domain: "v.douyin.com", kind: "short_link" }), "conflict", taken);
    expectRefusal(() => addPlatformDomain(db, who(), { platformId: jd, domain: "DOUYIN.com", kind: "registrable" }), "conflict", taken);
    // Already registered to the same platform: the owner is that platform.
    expectRefusal(() => addPlatformDomain(db, who(), { platformId: jd, domain: "3.cn", kind: "short_link" }), "conflict", {
      domain: ["platforms.errors.domainTaken"],
      takenBy: ["jd"],
    });
  });

  it("anything that is not a plausible host name", () => {
    const jd = platformIdOf("jd");
    const invalid = { domain: ["platforms.errors.domainInvalid"] };
    for (const domain of [
      "jd",
      "localhost",
      "https://jd-mall.example",
      "jd-mall.example/path",
      "jd-mall.example:8080",
      "user@jd-mall.example",
      "jd mall.example",
      "jd..example",
      ".jd-mall.example",
      "jd-mall.example.",
      "-jd.example",
      "jd-.example",
      "ab--cd.example",
      "xn--zz.example",
      "京东.example",
      "1.2.3.4",
      "[::1]",
      "jd_mall.example",
      `${"a".repeat(64)}.example`,
      `${"abcdefghi.".repeat(25)}example`,
    ]) {
      expectRefusal(() => addPlatformDomain(db, who(), { platformId: jd, domain, kind: "registrable" }), "invalid", invalid);
    }
    for (const domain of ["com.cn", "co.uk", "github.io", "com"]) {
      const expected = domain.includes(".") ? { domain: ["platforms.errors.domainIsPublicSuffix"] } : invalid;
      expectRefusal(() => addPlatformDomain(db, who(), { platformId: jd, domain, kind: "registrable" }), "invalid", expected);
    }
  });

  it("domains for the independent platform, and unknown platforms or domains", () => {
    expectRefusal(() => addPlatformDomain(db, who(), { platformId: independentId, domain: "some-site.example", kind: "registrable" }), "conflict");
    expectRefusal(() => addPlatformDomain(db, who(), { platformId: 999_999, domain: "some-site.example", kind: "registrable" }), "not_found");
    expectRefusal(() => removePlatformDomain(db, who(), { domainId: 999_999 }), "not_found");
  });

  it("through the action, the form gets the field error to show", async () => {
    const before = databaseDump();
    const result = await addPlatformDomainAction.run(manager, { platformId: String(platformIdOf("jd")), domain: "https://jd.example/x", kind: "registrable" });
    expect(result).toEqual({ ok: false, code: "invalid", message: "errors.invalid", fieldErrors: { domain: ["platforms.errors.domainInvalid"] } });
    const badKind = await addPlatformDomainAction.run(manager, { platformId: String(platformIdOf("jd")), domain: "jd-mall.example", kind: "mirror" });
    expect(badKind).toMatchObject({ ok: false, code: "invalid", fieldErrors: { kind: ["validation.invalid"] } });
    expect(databaseDump()).toBe(before);
  });
});

describe("the domain index", () => {
  it("is cached until invalidated, and sees a new or removed domain after the change", () => {
    const first = domainIndex(db);
    expect(domainIndex(db)).toBe(first);
    expect(attribute(first, "shop.pdd-mall.example", "pdd-mall.example")).toMatchObject({ platform: null, platformId: independentId });

    const pinduoduo = platformIdOf("pinduoduo");
    const added = addPlatformDomain(db, { actorId: manager.id }, { platformId: pinduoduo, domain: "pdd-mall.example", kind: "registrable" });
    const afterAdd = domainIndex(db);
    expect(afterAdd).not.toBe(first);
    expect(attribute(afterAdd, "shop.pdd-mall.example", "pdd-mall.example")).toMatchObject({
      platform: { id: pinduoduo, slug: "pinduoduo" },
      matchedDomain: "pdd-mall.example",
    });

    removePlatformDomain(db, { actorId: manager.id }, { domainId: added.id });
    expect(attribute(domainIndex(db), "shop.pdd-mall.example", "pdd-mall.example")).toMatchObject({ platform: null, platformId: independentId });
  });

  it("a refused change leaves the cached index in place", () => {
    const cached = domainIndex(db);
    expect(() => addPlatformDomain(db, { actorId: manager.id }, { platformId: platformIdOf("jd"), domain: "v.douyin.com", kind: "short_link" })).toThrow(ActionError);
    expect(domainIndex(db)).toBe(cached);
  });

  it("is one index for every copy of the module in the process (custom server and Next's bundle)", async () => {
    vi.resetModules();
    const other = await import("@/lib/platforms/domain-index");
    expect(other.domainIndex).not.toBe(domainIndex);
    const cached = domainIndex(db);
    expect(other.domainIndex(db)).toBe(cached);
    other.invalidateDomainIndex();
    expect(domainIndex(db)).not.toBe(cached);
    invalidateDomainIndex();
  });

  it("creates the independent platform, audited, when a registry has none", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-registry-"));
    const empty = openSqlite(path.join(dir, "empty.db"));
    try {
      const emptyDb = wrap(empty);
      applyMigrations(emptyDb);
      const index = domainIndex(emptyDb);
      const row = empty.prepare("select id, slug, is_independent from platforms").all();
      expect(row).toEqual([{ id: index.independentPlatformId, slug: "independent", is_independent: 1 }]);
      expect(empty.prepare("select actor_id, action, target_id from audit_events").all()).toEqual([
        { actor_id: null, action: "platform.created", target_id: String(index.independentPlatformId) },
      ]);
      invalidateDomainIndex();
      expect(domainIndex(emptyDb).independentPlatformId).toBe(index.independentPlatformId);
      expect(empty.prepare("select count(*) as n from platforms").get()).toEqual({ n: 1 });
    } finally {
      empty.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("attribution over the demo registry", () => {
  it("attributes the documented examples", () => {
    const index = domainIndex(db);
    const douyin = platformIdOf("douyin");
    const taobao = platformIdOf("taobao");
    expect(attribute(index, "v.douyin.com", "douyin.com")).toMatchObject({ platform: { id: douyin, slug: "douyin", name: "Douyin" }, platformId: douyin, isShortLink: true, matchedDomain: "v.douyin.com" });
    expect(attribute(index, "www.douyin.com", "douyin.com")).toMatchObject({ platformId: douyin, isShortLink: false, matchedDomain: "douyin.com" });
    expect(attribute(index, "m.tb.cn", "tb.cn")).toMatchObject({ platformId: taobao, isShortLink: true, matchedDomain: "m.tb.cn" });
    expect(attribute(index, "tb.cn", "tb.cn")).toMatchObject({ platform: null, platformId: independentId });
    expect(attribute(index, "b23.tv", "b23.tv")).toMatchObject({ platform: { slug: "bilibili" }, isShortLink: true });
    expect(attribute(index, "item.jd.com", "jd.com")).toMatchObject({ platform: { slug: "jd" }, isShortLink: false });
    const independent = { platform: null, platformId: independentId, isShortLink: false, matchedDomain: null };
    expect(attribute(index, "evil-douyin.com", "evil-douyin.com")).toEqual(independent);
    expect(attribute(index, "douyin.com.evil.example", "evil.example")).toEqual(independent);
    expect(attribute(index, "203.0.113.7", "203.0.113.7")).toEqual(independent);
  });

  it("every demo link's stored platform is what attribution gives", () => {
    const index = domainIndex(db);
    const links = sqlite.prepare("select host, registrable_domain as rd, platform_id as platformId, is_short_link as isShortLink from links").all() as {
      host: string;
      rd: string;
      platformId: number;
      isShortLink: number;
    }[];
    expect(links.length).toBeGreaterThan(100);
    const mismatched = links.filter((l) => {
      const a = attribute(index, l.host, l.rd);
      return a.platformId !== l.platformId || a.isShortLink !== Boolean(l.isShortLink);
    });
    expect(mismatched.slice(0, 5)).toEqual([]);
  });
});
