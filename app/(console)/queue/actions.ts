"use server";
import { serverAction } from "@/lib/auth/server-action";
import { bulkDecideAction } from "@/lib/queue/actions/bulk-decide";

export const bulkDecideCases = serverAction(bulkDecideAction, ["/queue"]);
