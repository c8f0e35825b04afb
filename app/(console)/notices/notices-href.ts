import type { NoticeState } from "@/lib/notices/notice-state";

/** The URL of a notices view: its filters live in the URL, so a view can be shared and reloaded. */
export function noticesHref(view: { state?: NoticeState; platformId?: number; after?: string }) {
  const params = new URLSearchParams();
  if (view.state) params.set("state", view.state);
  if (view.platformId) params.set("platform", String(view.platformId));
  if (view.after) params.set("after", view.after);
  const query = params.toString();
  return query ? `/notices?${query}` : "/notices";
}
