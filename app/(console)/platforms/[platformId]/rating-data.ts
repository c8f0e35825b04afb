import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { scoreHistory } from "@/lib/ratings/platform-report";

/** Today as a UTC day: snapshots are per UTC day (lib/ratings/compute.ts). */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** The platform's 180 days of snapshots, read once per request however many panels chart them. */
export const platformHistory = cache((platformId: number) => scoreHistory(getDb(), platformId, { to: todayUtc() }));
