import type { Bilingual } from "@/lib/verdicts/user-texts";

type Texts = { title: Bilingual; body: Bilingual; action: Bilingual };

const shareNote: Bilingual = { en: "Sharing to groups and moments is turned off.", zh: "已禁止分享到群聊和朋友圈。" };
const backLabel: Bilingual = { en: "Go back", zh: "返回" };

/** One interstitial as the chat app draws it, in a phone-sized frame. Warnings can be passed; blocks cannot. */
export function BlockPage({ level, language, texts, reason }: { level: "L1" | "L2" | "L3" | "L4"; language: "en" | "zh"; texts: Texts; reason: Bilingual }) {
  const blocked = level === "L3" || level === "L4";
  return (
    <figure
      lang={language === "zh" ? "zh-CN" : "en"}
      className="w-72 overflow-hidden rounded-2xl border border-slate-300 bg-white shadow-sm"
      data-testid={`preview-${level}-${language}`}
    >
      <div className={`px-5 pt-8 pb-5 text-center ${blocked ? "bg-red-50" : "bg-amber-50"}`}>
        <div aria-hidden className={`mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-full text-2xl font-bold text-white ${blocked ? "bg-red-600" : "bg-amber-500"}`}>
          !
        </div>
        <p className="text-base font-semibold text-slate-900">{texts.title[language]}</p>
      </div>
      <div className="space-y-3 px-5 py-4 text-sm text-slate-700">
        <p>{texts.body[language]}</p>
        <p className="rounded bg-slate-100 px-3 py-2 text-slate-800">{reason[language]}</p>
        {level === "L2" && <p className="text-slate-600">{shareNote[language]}</p>}
      </div>
      <div className="flex flex-col gap-2 px-5 pb-6">
        <span className={`rounded-lg py-2 text-center text-sm font-medium ${blocked ? "border border-slate-300 text-slate-800" : "bg-slate-900 text-white"}`}>
          {backLabel[language]}
        </span>
        <span className={`rounded-lg py-2 text-center text-sm font-medium ${blocked ? "text-brand-700 underline" : "border border-slate-300 text-slate-800"}`}>
          {texts.action[language]}
        </span>
      </div>
      <figcaption className="sr-only">{`${level} ${language}`}</figcaption>
    </figure>
  );
}
