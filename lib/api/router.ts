import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiClient } from "./client-auth";

export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  /** The query string's parameters. */
  query: URLSearchParams;
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
  // Most requests name a path without parameters (a verdict lookup): found without splitting.
  const exact = staticRoutes(routes).get(pathname);
  if (exact) return exact.map((route) => ({ route, params: {} }));
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

const staticByList = new WeakMap<Route[], Map<string, Route[]>>();
function staticRoutes(routes: Route[]): Map<string, Route[]> {
  let byPath = staticByList.get(routes);
  if (!byPath) {
    byPath = new Map();
    for (const route of routes) if (!route.path.includes(":")) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
    staticByList.set(routes, byPath);
  }
  return byPath;
}

// Route paths never change: each is split once.
const patterns = new Map<string, string[]>();
function patternOf(path: string): string[] {
  let pattern = patterns.get(path);
  if (!pattern) patterns.set(path, (pattern = path.split("/")));
  return pattern;
}
