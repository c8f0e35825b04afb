"use server";
import { createApiClientAction } from "@/lib/api-clients/actions/create-api-client";
import { revokeApiClientAction } from "@/lib/api-clients/actions/revoke-api-client";
import { serverAction } from "@/lib/auth/server-action";

export const createClient = serverAction(createApiClientAction, ["/admin/api-clients"]);
export const revokeClient = serverAction(revokeApiClientAction, ["/admin/api-clients"]);
