import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { leagueTable } from "@/lib/ratings/league";

/** The league, read once per request however many parts of the page ask for it. */
export const loadLeague = cache(() => leagueTable(getDb()));
