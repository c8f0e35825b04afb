"use server";
import { serverAction } from "@/lib/auth/server-action";
import { filePortalReport } from "@/lib/reports/actions/file-portal-report";

export const submitReport = serverAction(filePortalReport);
