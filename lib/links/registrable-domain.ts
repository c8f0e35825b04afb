// The registrable domain (eTLD+1) of a host, from the Public Suffix List through tldts.
//
// Private suffixes are ON (`allowPrivateDomains`): with them, `shop.github.io`, `x.vercel.app` and
// `foo.cn.com` are each their own registrable domain, as browsers treat them for cookies and
// sites. With them off, every site on a free host would share one domain (`github.io`), so one
// abuser's confirmed links would count as "several links of the domain" and push a domain-wide L4
// block onto everybody hosted there, and the fairness rules forbid exactly that collateral block.
// None of the registered platforms' domains changes under this choice (checked in the unit tests).

import { getDomain } from "tldts";

const CACHE_LIMIT = 50_000;
// Hosts repeat heavily (a few platforms make most links); tldts costs a few microseconds per call.
const cache = new Map<string, string>();

/** `host` is a canonical host; an IP literal or a host that is itself a public suffix is its own. */
export function registrableDomainOf(host: string, isIpLiteral: boolean): string {
  if (isIpLiteral) return host;
  const cached = cache.get(host);
  if (cached !== undefined) return cached;
  const domain = getDomain(host, { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false }) ?? host;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(host, domain);
  return domain;
}
