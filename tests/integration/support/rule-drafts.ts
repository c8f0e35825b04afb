// Rulebook drafts in whatever state a test needs, made directly through the domain functions.
import { getDb } from "@/lib/db";
import { discardDraft, startDraft, updateDraftRule } from "@/lib/rules/drafts";
import { draftVersion } from "@/lib/rules/versions";

const system = { actorId: null };
let edits = 0;

/** Discards the draft if there is one, so a new one can be started. */
export function withoutDraft() {
  const draft = draftVersion(getDb());
  if (draft) discardDraft(getDb(), system, { version: draft.version });
}

/** The draft's version number, starting one if there is none. */
export function draftNumber(): number {
  return draftVersion(getDb())?.version ?? startDraft(getDb(), system).version;
}

/** A valid change to the rumour rule that differs from every earlier one. */
export function rumourChange(version: number) {
  edits += 1;
  return {
    version,
    category: "rumour",
    ladder: [
      { level: "L1", durationHours: 24 * 14 },
      { level: "L2", durationHours: 24 * 30 },
      { level: "L3", durationHours: null },
    ],
    allowsDomainBlock: false,
    domainBlockThreshold: null,
    reasonEn: `This page may contain false or misleading information (edit ${edits}).`,
    reasonZh: `该网页可能含有不实或误导性信息（第 ${edits} 次修改）。`,
  };
}

/** The number of a draft that differs from the published rulebook, so it can be published. */
export function changedDraftNumber(): number {
  const version = draftNumber();
  updateDraftRule(getDb(), system, rumourChange(version));
  return version;
}
