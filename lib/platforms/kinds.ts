// The registry's vocabularies, importable from client components (no server-only dependencies).

/** Kinds a registered platform can have; "independent" belongs to the one catch-all platform. */
export const platformKinds = ["shop", "video", "social", "service", "search"] as const;
export type EditablePlatformKind = (typeof platformKinds)[number];

export const platformDomainKinds = ["registrable", "short_link"] as const;
export type PlatformDomainKind = (typeof platformDomainKinds)[number];
