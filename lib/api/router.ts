import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiClient } from "./client-auth";

export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  client: ApiClient | null;
};

export type Route = {
  method: "GET" | "POST";
  /** "/api/v1/reports/:id": a segment starting with ":" captures a parameter. */
  path: string;
  auth: "public" | "client";
  /** Refused with 503 while the process has fallen behind (lib/api/load-shedding.ts): the verdict lookups. */
  shed?: true;
  handle: (ctx: RouteContext) => void | Promise<void>;
};

/** The routes whose path matches, with the captured parameters. */
export function matchRoutes(routes: Route[], pathname: string): { route: Route; params: Record<string, string> }[] {
  const segments = pathname.split("/");
  const matches: { route: Route; params: Record<string, string> }[] = [];
  for (const route of routes) {
    const pattern = patternOf(route.path);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((part, i) => {
      const segment = segments[i]!;
      if (part.startsWith(":")) {
        if (!segment) return false;
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (ok) matches.push({ route, params });
  }
  return matches;
}

// Route paths never change: each is split once.
const patterns = new Map<string, string[]>();
function patternOf(path: string): string[] {
  let pattern = patterns.get(path);
  if (!pattern) patterns.set(path, (pattern = path.split("/")));
  return pattern;
}
