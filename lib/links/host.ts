// The host of a canonical link: one spelling per machine, and no spelling for a machine that cannot
// exist. Safe Browsing's rules (unescape, lower-case, trim and collapse dots, normalise IP
// addresses) come first; then, unlike Safe Browsing, a host that no DNS name or address can have is
// refused instead of escaped. Safe Browsing canonicalizes `http://\x01\x80.com/` to
// `http://%01%80.com/` and `http://%20leadingspace.com/` to itself because it only hashes URLs; a
// complaint portal stores links, attributes them to platforms and blocks them, and a host with a
// space or control character can never be opened, so accepting it would only create cases about
// nothing.

import { domainToASCII } from "node:url";
import { endsInNumber, formatIPv4, parseIPv4 } from "./ipv4";
import { formatIPv6, mappedIPv4, parseIPv6 } from "./ipv6";
import { fromByteStringStrict, toByteString, unescapeRepeatedly } from "./percent-encoding";

export type HostResult = { ok: true; host: string; isIpLiteral: boolean } | { ok: false; message: string };

const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
// Letters, digits, hyphens and the underscore: the underscore is not valid in a DNS host name, but
// real sites serve under such names (DNS itself accepts them) and browsers open them.
const ASCII_HOST = /^[a-z0-9._-]+$/;
// Top-level domains are letters only, or an IDN A-label; a numeric one makes the host an IPv4 address.
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const NEEDS_IDNA = /[^\x00-\x7f]|(?:^|\.)xn--/i;

const refuse = (message: string): HostResult => ({ ok: false, message });

/** `raw` is the host as written between the userinfo and the port. */
export function canonicalHost(raw: string): HostResult {
  if (raw === "") return refuse("The link has no host name.");
  if (raw.startsWith("[")) return ipv6Host(raw);

  let host = raw;
  if (host.includes("%")) {
    const decoded = fromByteStringStrict(unescapeRepeatedly(toByteString(host)));
    if (decoded === null) return refuse("The host name is not valid UTF-8 once its percent-escapes are decoded.");
    host = decoded;
  }
  host = host.toLowerCase();
  if (NEEDS_IDNA.test(host)) {
    // UTS #46 processing as browsers do it: maps full-width letters and ideographic dots (`。`) to
    // ASCII, lower-cases, and converts each Unicode label to punycode; "" means the name is invalid.
    const bad = firstForbiddenAsciiCharacter(host);
    if (bad !== null) return refuse(`The host name contains a character that no host name can contain (${describe(bad)}).`);
    const ascii = domainToASCII(host);
    if (ascii === "") return refuse("The host name is not a valid international domain name.");
    host = ascii;
  }
  if (!ASCII_HOST.test(host)) {
    const bad = firstForbiddenAsciiCharacter(host) ?? host;
    return refuse(`The host name contains a character that no host name can contain (${describe(bad)}).`);
  }

  const labels = host.split(".").filter((label) => label !== "");
  if (labels.length === 0) return refuse("The link has no host name.");
  if (endsInNumber(labels)) {
    const address = parseIPv4(labels);
    if (address === null) {
      return refuse("The host ends in a number but is not a valid IPv4 address (a part is out of range or malformed).");
    }
    return { ok: true, host: formatIPv4(address), isIpLiteral: true };
  }

  const name = labels.join(".");
  // A single-label name (`localhost`, `intranet`) only means something on the reader's own machine
  // or network: it is not a public web address anyone could be sent to, so there is nothing to
  // attribute or block.
  if (labels.length < 2) return refuse("The host name has no dot; a public web address needs a domain such as example.com.");
  if (name.length > MAX_HOST_LENGTH) return refuse("The host name is longer than 253 characters.");
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH)) {
    return refuse("A part of the host name is longer than 63 characters.");
  }
  if (!TOP_LEVEL_DOMAIN.test(labels[labels.length - 1] as string)) {
    return refuse("The host name's top-level domain cannot exist (top-level domains are letters only).");
  }
  return { ok: true, host: name, isIpLiteral: false };
}

function ipv6Host(raw: string): HostResult {
  if (!raw.endsWith("]")) return refuse("The IPv6 address in the host is missing its closing bracket.");
  const pieces = parseIPv6(raw.slice(1, -1));
  if (pieces === null) return refuse("The host is not a valid IPv6 address.");
  const v4 = mappedIPv4(pieces);
  if (v4 !== null) return { ok: true, host: v4, isIpLiteral: true };
  return { ok: true, host: `[${formatIPv6(pieces)}]`, isIpLiteral: true };
}

/** The first ASCII character that is not a letter, digit, `.`, `-` or `_`, if any. */
function firstForbiddenAsciiCharacter(host: string): string | null {
  for (const ch of host) {
    const code = ch.codePointAt(0) as number;
    if (code > 0x7f) continue;
    if (!/[a-zA-Z0-9._-]/.test(ch)) return ch;
  }
  return null;
}

function describe(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return JSON.stringify(ch.slice(0, 1));
}
