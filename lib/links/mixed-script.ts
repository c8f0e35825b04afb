// Homograph detection. `тaobao.com` with a Cyrillic `т` looks like Taobao and is someone else's
// domain; so does `аррӏе.com`, written entirely in Cyrillic letters that look Latin. Browsers show
// such hosts as punycode; the verdict API's strict mode warns about them. The rules follow Unicode
// TS #39's "highly restrictive" profile (one script per label, or Latin with the Chinese, Japanese
// or Korean script combinations), plus the whole-script confusable check Chromium applies to
// Cyrillic; a flag means "possible homograph", not a finding.

import { domainToUnicode } from "node:url";

// Scripts seen in internationalised domain names. A letter of an unlisted script counts as "Other".
const SCRIPTS = [
  "Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Syriac", "Thaana", "Devanagari",
  "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala",
  "Thai", "Lao", "Tibetan", "Myanmar", "Georgian", "Hangul", "Ethiopic", "Cherokee", "Khmer",
  "Mongolian", "Hiragana", "Katakana", "Bopomofo", "Han", "Yi", "Tifinagh", "Canadian_Aboriginal",
  "Nko", "Vai", "Javanese", "Coptic", "Runic", "Ogham",
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")] as const);
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

// The combinations UTS #39 "highly restrictive" allows besides a single script: how Chinese,
// Japanese and Korean names are written, with Latin letters mixed in (`qq音乐`).
const ALLOWED_COMBINATIONS: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

// Letters that render like Latin ones in common fonts. A label made only of them (digits and
// hyphens aside) is a whole-script confusable of a Latin name. The Cyrillic set is Chromium's
// (idn_spoof_checker.cc); the Greek and Armenian ones are the letters with an obvious Latin twin.
const LATIN_LOOKALIKES: Readonly<Record<string, ReadonlySet<string>>> = {
  Cyrillic: new Set([..."асԁеһіјӏорԗԛѕԝхуъьҽпгѵѡү"]),
  Greek: new Set([..."αικνορτυχω"]),
  Armenian: new Set([..."ագհոսցօզ"]),
};

function scriptOf(ch: string): string | null {
  if (NEUTRAL.test(ch)) return null;
  for (const [name, pattern] of SCRIPT_PATTERNS) if (pattern.test(ch)) return name;
  return "Other";
}

function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const ch of label) {
    const script = scriptOf(ch);
    if (script !== null) scripts.add(script);
  }
  return scripts;
}

function isAllowedMix(scripts: ReadonlySet<string>): boolean {
  if (scripts.size <= 1) return true;
  return ALLOWED_COMBINATIONS.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}

function isWholeScriptLatinLookalike(label: string, script: string): boolean {
  const lookalikes = LATIN_LOOKALIKES[script];
  if (lookalikes === undefined) return false;
  let letters = 0;
  for (const ch of label) {
    if (NEUTRAL.test(ch)) continue;
    if (!lookalikes.has(ch)) return false;
    letters += 1;
  }
  return letters > 0;
}

/**
 * `asciiHost` is a canonical host (punycode). True when some label's Unicode form mixes scripts
 * outside the allowed combinations, or is written entirely in look-alikes of Latin letters from
 * another script, unless the top-level domain itself is in that script (`.рф` sites are Cyrillic
 * by design).
 */
export function isMixedScriptHost(asciiHost: string): boolean {
  if (!asciiHost.includes("xn--")) return false;
  const labels = domainToUnicode(asciiHost).split(".");
  const tld = labels[labels.length - 1] ?? "";
  const tldScripts = scriptsOf(tld);
  for (const label of labels) {
    const scripts = scriptsOf(label);
    if (!isAllowedMix(scripts)) return true;
    const [only] = scripts;
    if (scripts.size === 1 && only !== undefined && !tldScripts.has(only) && isWholeScriptLatinLookalike(label, only)) {
      return true;
    }
  }
  return false;
}
