import { readFileSync } from "node:fs";
import path from "node:path";

export const appVersion: string = (
  JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as { version: string }
).version;
