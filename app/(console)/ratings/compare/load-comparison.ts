import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { compareRatings } from "@/lib/ratings/compare";

/** The comparison, read once per request for both panels (keyed by the ids, in order). */
const load = cache((key: string) => compareRatings(getDb(), key === "" ? [] : key.split(",").map(Number)));
export const loadComparison = (ids: readonly number[]) => load(ids.join(","));
