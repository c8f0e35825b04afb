// The queue's view as it lives in the URL (tab, filters, cursor), parsed with zod. A bad parameter is
// reported by name, so the page shows what was wrong instead of failing.
import { z } from "zod";
import { scenes } from "@/db/schema";
import { categoryCodes } from "@/lib/rules/categories";

export const queueTabs = ["new", "mine", "escalated", "after_decision", "all"] as const;
export type QueueTab = (typeof queueTabs)[number];

export const queuePrinciples = ["P1", "P2", "P3"] as const;

/** A page position: the last row's priority and id (sort is priority desc, then id desc). */
export type QueueCursor = { priority: number; id: number };

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const cursorSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?_\d+$/, "queue.invalid.cursor")
  .transform((value): QueueCursor => {
    const [priority, id] = value.split("_");
    return { priority: Number(priority), id: Number(id) };
  });

export const queueSearchSchema = z.object({
  tab: z.preprocess(blankToUndefined, z.enum(queueTabs, { message: "queue.invalid.tab" }).default("new")),
  category: optional(z.enum(categoryCodes, { message: "validation.category" })),
  principle: optional(z.enum(queuePrinciples, { message: "queue.invalid.principle" })),
  platform: optional(z.coerce.number({ message: "queue.invalid.platform" }).int("queue.invalid.platform").positive("queue.invalid.platform")),
  scene: optional(z.enum(scenes, { message: "queue.invalid.scene" })),
  assignee: optional(
    z.union([z.literal("me"), z.coerce.number().int().positive()], { message: "queue.invalid.assignee" }),
  ),
  breached: optional(z.enum(["1"], { message: "queue.invalid.breached" }).transform(() => true)),
  q: optional(z.string().trim().max(200, "queue.invalid.q").transform((s) => s || undefined)),
  after: optional(cursorSchema),
});

export type QueueSearch = z.output<typeof queueSearchSchema>;

export type ParsedQueueSearch =
  | { ok: true; search: QueueSearch }
  | { ok: false; fieldErrors: Record<string, string[]>; search: QueueSearch };

type RawParams = string | URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(raw: RawParams): Record<string, string> {
  const params =
    typeof raw === "string"
      ? new URLSearchParams(raw.startsWith("?") ? raw.slice(1) : raw)
      : raw instanceof URLSearchParams
        ? raw
        : null;
  const out: Record<string, string> = {};
  if (params) {
    for (const [key, value] of params) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(raw as Record<string, string | string[] | undefined>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

const knownKeys = new Set(Object.keys(queueSearchSchema.shape));

/**
 * Parses the queue's search params. Unknown keys are ignored (other pages' links may carry them); an
 * invalid one makes the result not ok, with `search` holding the default view to fall back on.
 */
export function parseQueueSearch(raw: RawParams): ParsedQueueSearch {
  const record = Object.fromEntries(Object.entries(toRecord(raw)).filter(([key]) => knownKeys.has(key)));
  const parsed = queueSearchSchema.safeParse(record);
  if (parsed.success) return { ok: true, search: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "_form";
    const key = /^(validation|queue)\./.test(issue.message) ? issue.message : "validation.invalid";
    (fieldErrors[field] ??= []).push(key);
  }
  return { ok: false, fieldErrors, search: queueSearchSchema.parse({}) };
}

/** The URL search string of a view (without "?"), in a stable key order; `undefined` values are left out. */
export function queueSearchString(search: Partial<QueueSearch>, overrides: Partial<QueueSearch> = {}): string {
  const merged = { ...search, ...overrides };
  const params = new URLSearchParams();
  if (merged.tab && merged.tab !== "new") params.set("tab", merged.tab);
  if (merged.category) params.set("category", merged.category);
  if (merged.principle) params.set("principle", merged.principle);
  if (merged.platform) params.set("platform", String(merged.platform));
  if (merged.scene) params.set("scene", merged.scene);
  if (merged.assignee) params.set("assignee", String(merged.assignee));
  if (merged.breached) params.set("breached", "1");
  if (merged.q) params.set("q", merged.q);
  if (merged.after) params.set("after", `${merged.after.priority}_${merged.after.id}`);
  return params.toString();
}
