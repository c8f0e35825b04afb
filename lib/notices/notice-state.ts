// Where a rectification notice stands. The deadline is inclusive: an answer at the deadline is on
// time (answerNotice), so a notice is overdue only once its deadline has passed.
export const noticeStates = ["open", "overdue", "answered_on_time", "answered_late"] as const;
export type NoticeState = (typeof noticeStates)[number];

/** What a list can be narrowed to: one state, or the two unanswered or the two answered states. */
export const noticeFilters = [...noticeStates, "unanswered", "answered"] as const;
export type NoticeFilter = (typeof noticeFilters)[number];

export function isNoticeState(value: unknown): value is NoticeState {
  return typeof value === "string" && (noticeStates as readonly string[]).includes(value);
}

export function noticeState(notice: { deadlineAt: string; answeredAt: string | null }, now: string): NoticeState {
  if (notice.answeredAt !== null) return notice.answeredAt <= notice.deadlineAt ? "answered_on_time" : "answered_late";
  return notice.deadlineAt < now ? "overdue" : "open";
}
