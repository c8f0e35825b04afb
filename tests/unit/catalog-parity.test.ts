import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import zh from "@/lib/i18n/messages/zh.json";

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments a message uses, e.g. {name} and {count, plural, …}. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]!).sort();
}

describe("message catalogs", () => {
  const english = flatten(en as Catalog);
  const chinese = flatten(zh as Catalog);

  it("have the same keys in English and Chinese", () => {
    const missingInChinese = [...english.keys()].filter((k) => !chinese.has(k));
    const missingInEnglish = [...chinese.keys()].filter((k) => !english.has(k));
    expect({ missingInChinese, missingInEnglish }).toEqual({ missingInChinese: [], missingInEnglish: [] });
  });

  it("use the same placeholders in both languages", () => {
    const mismatched = [...english.entries()]
      .filter(([key, message]) => chinese.has(key) && placeholders(message).join() !== placeholders(chinese.get(key)!).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("have no empty messages", () => {
    const empty = [...english.entries(), ...chinese.entries()].filter(([, m]) => m.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("really translate: Chinese messages are not English copies", () => {
    const copies = [...english.entries()]
      .filter(([key, message]) => /[a-z]{4,}/i.test(message) && chinese.get(key) === message)
      .map(([key]) => key)
      // Proper names and language names stay as they are.
      .filter((key) => !["app.name", "nav.brand", "language.name.en", "language.name.zh"].includes(key));
    expect(copies).toEqual([]);
  });
});
