// The JSON of a verdict answer, as JSON.stringify would write it, from fragments serialized once: the
// reasons (one per rule version, category and level, or caution) and the platform (one per standing)
// are the same objects answer after answer (lookup.ts keeps them), so their text is kept beside them.
// A lookup spends more on writing its answer than on finding it; this keeps that part small.
import type { LinkVerdict } from "./lookup";

const serialized = new WeakMap<object, string>();

function fragment(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) serialized.set(value, (text = JSON.stringify(value)));
  return text;
}

export function answerJson(answer: LinkVerdict, extra?: { url: string }): string {
  let reasons = "";
  for (const reason of answer.reasons) reasons += (reasons === "" ? "" : ",") + fragment(reason);
  return (
    `{${extra ? `"url":${JSON.stringify(extra.url)},` : ""}"verdict":"${answer.verdict}","level":"${answer.level}","shareable":${answer.shareable},` +
    `"reasons":[${reasons}],"canonicalUrl":${JSON.stringify(answer.canonicalUrl)},` +
    `"platform":${answer.platform === null ? "null" : fragment(answer.platform)},` +
    `"expiresAt":${answer.expiresAt === null ? "null" : `"${answer.expiresAt}"`},"ttlSeconds":${answer.ttlSeconds},"mode":"${answer.mode}"}`
  );
}
