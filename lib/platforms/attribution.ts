// Which platform a link belongs to, from its host and registrable domain (eTLD+1). Pure: the caller
// passes the registry index (lib/platforms/domain-index.ts), so this runs per request without I/O.
import { isIP } from "node:net";
import type { DomainIndex } from "./domain-index";

export type Attribution = {
  platform: { id: number; slug: string; name: string } | null;
  /** The platform the link is filed under: the independent platform's id when unattributed. */
  platformId: number;
  isShortLink: boolean;
  /** The registry entry that decided, e.g. "douyin.com" for www.douyin.com. */
  matchedDomain: string | null;
};

/**
 * The most specific registry entry wins: the full host first, then each parent domain (the
 * leftmost label dropped) down to and including the registrable domain, never above it, so a
 * public suffix cannot match and `douyin.com.evil.example` (registrable: evil.example) stays
 * independent. A short_link entry marks the link as a short link. IP literals are independent.
 */
export function attribute(index: DomainIndex, host: string, registrableDomain: string): Attribution {
  const name = normalized(host);
  if (name !== "" && isIP(name.replace(/^\[(.*)\]$/, "$1")) === 0) {
    for (const candidate of candidates(name, normalized(registrableDomain))) {
      const entry = index.domains.get(candidate);
      if (entry) {
        return {
          platform: { id: entry.platformId, slug: entry.slug, name: entry.name },
          platformId: entry.platformId,
          isShortLink: entry.kind === "short_link",
          matchedDomain: candidate,
        };
      }
    }
  }
  return { platform: null, platformId: index.independentPlatformId, isShortLink: false, matchedDomain: null };
}

function normalized(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, "");
}

function* candidates(host: string, floor: string): Generator<string> {
  yield host;
  // A registrable domain that is not the host or one of its parents is inconsistent input: only the
  // exact host is safe to try, since walking further up could reach a public suffix.
  if (floor === "" || !host.endsWith(`.${floor}`)) return;
  let current = host;
  while (current !== floor) {
    current = current.slice(current.indexOf(".") + 1);
    yield current;
  }
}
