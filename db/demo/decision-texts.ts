// What demo moderators write when they decide (rationale, public note, internal note) and what the
// platforms answer to rectification notices: short English and Chinese templates, picked by the
// demo PRNG in the decider's language.
import type { Locale, Outcome } from "@/db/schema";
import type { CategoryCode } from "@/lib/rules/categories";

type Text = { en: string; zh: string };

const violationRationales: Record<CategoryCode, readonly Text[]> = {
  fraud_scam: [
    { en: "Page collects bank card details to 'withdraw' a red packet: an advance-fee scam.", zh: "页面以领取红包为名索取银行卡信息，属于典型的先交费诈骗。" },
    { en: "Paid-task job offer asks people to advance money before a rebate.", zh: "刷单兼职要求先垫付资金再返现，符合诈骗特征。" },
  ],
  gambling: [
    { en: "Game hall with top-ups, cash-outs and betting odds: online gambling.", zh: "页面提供可充值提现的棋牌和下注功能，属于网络赌博。" },
    { en: "Lottery 'plan' page takes bets through private transfers.", zh: "彩票计划页面通过私人转账收取投注，涉嫌赌博。" },
  ],
  violence_terrorism: [
    { en: "Video shows graphic violence and glorifies the attack.", zh: "视频含有血腥暴力画面并美化暴力行为。" },
    { en: "Page circulates violent extremist material.", zh: "页面传播暴力极端内容，影响恶劣。" },
  ],
  pornography: [
    { en: "Adult video site selling paid VIP access.", zh: "网页为付费会员制色情视频网站。" },
    { en: "Live stream with explicit content and top-up prompts.", zh: "低俗直播含露骨内容并诱导充值。" },
  ],
  illegal_trade: [
    { en: "Sells prescription drugs without prescription or licence.", zh: "无处方、无资质销售处方药品。" },
    { en: "Membership fees with tiered rebates for recruits: pyramid selling.", zh: "收取入会费并按拉人层级返利，属于传销。" },
  ],
  rumour: [
    { en: "Claim contradicts the official statement on the same event.", zh: "内容与官方就同一事件发布的通报相矛盾。" },
    { en: "Health claim without basis, already debunked by the health authority.", zh: "健康说法毫无依据，卫生部门已辟谣。" },
  ],
  infringement: [
    { en: "Streams full copyrighted films without a licence.", zh: "未经授权提供完整版影视作品在线播放。" },
    { en: "Shop impersonates a brand's official store and sells counterfeits.", zh: "店铺冒充品牌官方旗舰店销售假冒商品。" },
  ],
  phishing_malware: [
    { en: "Fake login page imitating the chat app to harvest passwords.", zh: "仿冒聊天应用的登录页面，窃取账号密码。" },
    { en: "Download is a repackaged APK with SMS-stealing code.", zh: "下载的安装包被二次打包，含窃取短信的恶意代码。" },
  ],
  excessive_data_collection: [
    { en: "Requires ID number and phone before showing a test result.", zh: "查看测试结果前强制填写身份证号和手机号。" },
    { en: "Reads contacts and avatar, which the stated service does not need.", zh: "页面获取通讯录和头像，与所称服务无关。" },
  ],
  risky_source: [
    { en: "Unsigned download from an operator that cannot be identified.", zh: "下载来源不明，安装包无签名，运营者无法核实。" },
    { en: "No operator information; redirects through several unknown hosts.", zh: "页面无运营者信息，并经多个不明地址跳转。" },
  ],
  induced_sharing: [
    { en: "Content unlocks only after sharing to three groups.", zh: "必须分享到三个群后才能查看内容。" },
    { en: "Price-cut task requires friends to help and follow an account.", zh: "砍价任务要求好友助力并关注公众号。" },
  ],
  excessive_marketing: [
    { en: "Full-screen ads and back-button hijacking keep users on the page.", zh: "全屏广告并劫持返回键，用户无法离开页面。" },
    { en: "Coupon spam pushed to groups again and again, with forced redirects.", zh: "在群内反复推送优惠券并强制跳转。" },
  ],
  evasion: [
    { en: "Same operator as a blocked site, rotated to a new domain within days.", zh: "与已处置网站为同一运营者，数日内更换新域名。" },
    { en: "Shows reviewers a harmless page and users the scam page (cloaking).", zh: "对审核者展示正常页面、对用户展示违规页面。" },
  ],
};

const otherRationales: Record<Exclude<Outcome, "violation">, readonly Text[]> = {
  no_violation: [
    { en: "Checked the page: ordinary content, nothing the reports describe.", zh: "已核查页面：内容正常，未发现举报所述问题。" },
    { en: "The promotion stays within the platform's normal rules.", zh: "推广内容符合平台常规，不构成违规。" },
    { en: "A disagreement of opinion, not false information.", zh: "举报内容属观点分歧，不构成虚假信息。" },
  ],
  insufficient_evidence: [
    { en: "Page no longer loads and no snapshot shows the reported content.", zh: "页面已无法打开，也没有快照显示举报内容。" },
    { en: "Content differs by region; could not reproduce what was reported.", zh: "内容因地区而异，未能复现举报所述情况。" },
    { en: "Single report without details; nothing found on review.", zh: "仅一条举报且无细节，审核未发现问题。" },
  ],
};

const publicNotes: Record<Outcome, readonly Text[]> = {
  violation: [
    { en: "Handled under the published rulebook.", zh: "已依据公开的处置规则处理。" },
    { en: "Confirmed after review; see the rule cited.", zh: "经审核确认，适用规则见所引条款。" },
  ],
  no_violation: [{ en: "Reviewed: no violation found.", zh: "经审核未发现违规。" }],
  insufficient_evidence: [
    { en: "Reviewed: not enough evidence to act. New reports are welcome.", zh: "经审核证据不足，暂不处置，欢迎补充举报。" },
  ],
};

const internalNotes: readonly Text[] = [
  { en: "Checked on a clean phone without signing in.", zh: "已用未登录的干净手机核查。" },
  { en: "Screenshots saved with the case.", zh: "截图已随案件存档。" },
  { en: "Related to earlier cases on the same domain.", zh: "与同一域名的早先案件相关。" },
];

export const handlingNotes = {
  domainAlreadyBlocked: { en: "The domain is already blocked (L4); blocking this URL as well.", zh: "该域名已被封禁（L4），另封禁此网址。" },
} as const satisfies Record<string, Text>;

const noticeAnswers: readonly Text[] = [
  { en: "Listing removed and the seller account suspended.", zh: "已下架该商品并封禁卖家账号。" },
  { en: "Content taken down; the uploader has been warned.", zh: "已删除相关内容，并对发布者进行警告。" },
  { en: "Page taken offline and the campaign stopped.", zh: "已下线该页面并停止相关活动。" },
  { en: "Account banned; related links are being checked.", zh: "已封禁相关账号，正在排查关联链接。" },
  { en: "Sharing incentive removed from the activity page.", zh: "已移除活动页面中的诱导分享机制。" },
];

/** `roll` in [0, 1): which template of a list. */
const pick = (list: readonly Text[], roll: number) => list[Math.floor(roll * list.length)]!;

export const inLocale = (text: Text, locale: Locale) => text[locale];

export function rationaleText(outcome: Outcome, category: CategoryCode, roll: number): Text {
  return pick(outcome === "violation" ? violationRationales[category] : otherRationales[outcome], roll);
}

export const publicNoteText = (outcome: Outcome, roll: number): Text => pick(publicNotes[outcome], roll);
export const internalNoteText = (roll: number): Text => pick(internalNotes, roll);
export const noticeAnswerText = (roll: number): Text => pick(noticeAnswers, roll);
