// Limits and choices of a restore request, free of server imports so the portal form can show them.
export const requesterKinds = ["link_owner", "platform"] as const;
export type RequesterKind = (typeof requesterKinds)[number];

export const MAX_CONTACT_LENGTH = 200;
export const MIN_EXPLANATION_LENGTH = 20;
export const MAX_EXPLANATION_LENGTH = 2000;
export const MIN_REVIEW_NOTE_LENGTH = 10;
export const MAX_REVIEW_NOTE_LENGTH = 2000;
