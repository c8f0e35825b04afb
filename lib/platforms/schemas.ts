// What the registry editor accepts. The zod schemas check shape (form fields arrive as strings);
// whether a slug or a domain is plausible is answered by `slugProblem` / `domainProblem`, which the
// domain functions call, so the refusal carries a platforms.* catalog key (the action wrapper keeps
// only validation.* keys from zod) and holds for every caller, not just forms.
import { domainToASCII } from "node:url";
import { getDomain } from "tldts";
import { z } from "zod";
import { platformDomainKinds, platformKinds } from "./kinds";

const idField = z.coerce
  .number({ message: "validation.number" })
  .int({ message: "validation.number" })
  .positive({ message: "validation.invalid" });

const requiredText = (max: number) =>
  z.string({ message: "validation.required" }).trim().min(1, { message: "validation.required" }).max(max, { message: "validation.tooLong" });

export const newPlatformSchema = z.object({
  slug: requiredText(40).toLowerCase(),
  name: requiredText(120),
  nameZh: requiredText(120),
  kind: z.enum(platformKinds, { message: "validation.invalid" }),
});
export type NewPlatform = z.output<typeof newPlatformSchema>;

export const newPlatformDomainSchema = z.object({
  platformId: idField,
  // 253 is the longest a host name can be; the slack lets the domain function say why it is wrong.
  domain: requiredText(300).toLowerCase(),
  kind: z.enum(platformDomainKinds, { message: "validation.invalid" }),
});
export type NewPlatformDomain = z.output<typeof newPlatformDomainSchema>;

export const removePlatformDomainSchema = z.object({ domainId: idField });

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why `slug` (trimmed, lowercased) cannot name a platform, as a catalog key; null when it can. */
export function slugProblem(slug: string): string | null {
  return SLUG.test(slug) ? null : "platforms.errors.slugInvalid";
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Why `domain` (trimmed, lowercased) cannot be a registry entry, as a catalog key; null when it
 * can. A plausible entry is a bare host name: at least two labels of a-z, 0-9 and inner hyphens
 * (no scheme, path, port or IP address), international names in their punycode (xn--) form, and
 * not a public suffix such as com.cn or github.io, which no host could ever be attributed through.
 */
export function domainProblem(domain: string): string | null {
  const invalid = "platforms.errors.domainInvalid";
  if (domain.length > 253 || !domain.includes(".")) return invalid;
  const labels = domain.split(".");
  // Hyphens in the 3rd and 4th place are reserved for punycode labels (RFC 5891).
  if (!labels.every((l) => LABEL.test(l) && (l.slice(2, 4) !== "--" || l.startsWith("xn--")))) return invalid;
  // No top-level domain is numeric: this refuses IPv4 addresses.
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return invalid;
  // Node's IDNA conversion answers "" for punycode that does not decode.
  if (domainToASCII(domain) !== domain) return invalid;
  // Private suffixes count, as in lib/links/registrable-domain.ts: shop.github.io is its own
  // registrable domain, so an entry for github.io could never attribute it.
  if (getDomain(domain, { allowPrivateDomains: true }) === null) return "platforms.errors.domainIsPublicSuffix";
  return null;
}
