// The demo moderators at work: each planned decision taken through decideCase as it would be in the
// console (the level the rulebook recommends at that moment, with the moderators' usual departures),
// and each platform's answer to its rectification notice recorded through answerNotice. Both run in
// the seed's transaction (as savepoints), in time order with the complaints.
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/open";
import { decideCase, recommendationFor } from "@/lib/decisions/decide";
import { answerNotice } from "@/lib/notices/answer-notice";
import { INDEPENDENT_PLATFORM } from "@/lib/platforms/registry";
import { categoryByCode } from "@/lib/rules/categories";
import { domainVerdictsInForce } from "@/lib/verdicts/in-force";
import { type NoticeAnswerPlan, type PlannedDecision, deciderEmails } from "./decision-plan";
import { inLocale, internalNoteText, noticeAnswerText, publicNoteText, rationaleText } from "./decision-texts";
import { chooseHandling } from "./handling";
import type { PlannedLink } from "./plan";

export type ModerationCounts = { decisions: number; violations: number; verdicts: number; notices: number; noticesAnswered: number };

export function demoModeration(db: Db, staffByEmail: ReadonlyMap<string, Actor>, caseIdOf: (link: PlannedLink) => number) {
  const counts: ModerationCounts = { decisions: 0, violations: 0, verdicts: 0, notices: 0, noticesAnswered: 0 };
  const noticeOf = new Map<PlannedDecision, number>();
  const staff = (email: string) => {
    const actor = staffByEmail.get(email);
    if (!actor) throw new Error(`demo moderation: no demo account ${email}`);
    return actor;
  };
  // Platforms answer through their own channel; the demo records every answer as the manager
  // taking it down on the platform's behalf.
  const manager = staff("manager@linkdesk.test");

  const decide = (d: PlannedDecision) => {
    const caseId = caseIdOf(d.link);
    const when = new Date(d.at);
    const recommendation = recommendationFor(db, caseId, d.category, when);
    const domainBlocked =
      recommendation.level === "L4" &&
      domainVerdictsInForce(db, d.link.registrableDomain, when).length > 0;
    const handling = chooseHandling(d, recommendation, {
      independent: d.link.platformSlug === INDEPENDENT_PLATFORM.slug,
      critical: categoryByCode(d.category)!.severity === "critical",
      domainBlocked,
    });
    const actor = staff(deciderEmails[handling.decider]);
    const note = handling.note ?? (d.internalNoteRoll === null ? null : internalNoteText(d.internalNoteRoll));
    const result = decideCase(
      db,
      actor,
      {
        caseId,
        caseVersion: 1, // the demo never reopens a case
        outcome: d.outcome,
        category: d.category,
        level: handling.level,
        sanctionProvider: handling.sanctionProvider,
        durationHours: handling.durationHours,
        rationale: inLocale(rationaleText(d.outcome, d.category, d.rationaleRoll), actor.locale),
        publicNote: d.publicNoteRoll === null ? null : inLocale(publicNoteText(d.outcome, d.publicNoteRoll), actor.locale),
        internalNote: note && inLocale(note, actor.locale),
      },
      { now: when },
    );
    counts.decisions += 1;
    if (d.outcome === "violation") counts.violations += 1;
    if (result.verdictId !== null) counts.verdicts += 1;
    if (result.noticeId !== null) {
      noticeOf.set(d, result.noticeId);
      counts.notices += 1;
    }
  };

  const answer = (d: PlannedDecision, reply: Exclude<NoticeAnswerPlan, { kind: "never" }>) => {
    const noticeId = noticeOf.get(d);
    if (noticeId === undefined) throw new Error(`demo moderation: no notice was sent for the decision on ${d.link.canonicalUrl}`);
    const words = noticeAnswerText(reply.textRoll);
    answerNotice(db, { kind: "staff", userId: manager.id }, { noticeId, answer: reply.zh ? words.zh : words.en }, { now: new Date(reply.at) });
    counts.noticesAnswered += 1;
  };

  return { decide, answer, counts };
}
