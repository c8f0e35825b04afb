"use server";
import { serverAction } from "@/lib/auth/server-action";
import { addPlatformDomainAction } from "@/lib/platforms/actions/add-platform-domain";
import { createPlatformAction } from "@/lib/platforms/actions/create-platform";
import { removePlatformDomainAction } from "@/lib/platforms/actions/remove-platform-domain";

// Revalidating "/platforms" also refreshes the page the action was called from (a platform's own
// page is rendered per request); a dynamic path would need revalidatePath's type argument.
export const createPlatform = serverAction(createPlatformAction, ["/platforms"]);
export const addPlatformDomain = serverAction(addPlatformDomainAction, ["/platforms"]);
export const removePlatformDomain = serverAction(removePlatformDomainAction, ["/platforms"]);
