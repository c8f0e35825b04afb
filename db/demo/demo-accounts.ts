// The demo's sign-in details: the shared staff password, the demo API client's key, the key that
// pseudonymises demo reporters, and the staff accounts (one per role, two Chinese-speaking moderators).

export const DEMO_PASSWORD = "linkdesk-demo";
export const DEMO_API_KEY = "ld_demo_client_key";
export const DEMO_REPORTER_KEY = "linkdesk-demo-reporter-key";

export const demoStaff = [
  { email: "admin@linkdesk.test", name: "Ada Admin", role: "admin", locale: "en" },
  { email: "moderator@linkdesk.test", name: "Mina Moderator", role: "moderator", locale: "en" },
  { email: "senior@linkdesk.test", name: "Sami Senior", role: "senior", locale: "en" },
  { email: "manager@linkdesk.test", name: "Mara Manager", role: "manager", locale: "en" },
  { email: "auditor@linkdesk.test", name: "Aldo Auditor", role: "auditor", locale: "en" },
  { email: "li.na@linkdesk.test", name: "李娜", role: "moderator", locale: "zh" },
  { email: "zhang.wei@linkdesk.test", name: "张伟", role: "moderator", locale: "zh" },
] as const;
