// Descriptions: what demo reporters write in the free-text field, per category, plus a few generic ones.
import type { CategoryCode } from "@/lib/rules/categories";

export const descriptions: Record<CategoryCode, readonly string[]> = {
  fraud_scam: [
    "群里有人发的红包链接，点进去要先交手续费才能提现",
    "Says I won an iPhone and asks for a shipping deposit first.",
    "刷单兼职，先垫付后返现，朋友已经被骗了800元",
    "Fake red packet, asks for my bank card number to withdraw.",
    "自称客服说要给我退款，让我填银行卡和验证码",
    "Investment 'teacher' promising 30% a month, asks to transfer to a personal account.",
  ],
  gambling: [
    "网页是棋牌游戏，可以充值提现，明显是赌博",
    "Online casino disguised as a mini game.",
    "彩票计划群拉人下注",
    "Betting odds page shared in a group, asks to top up.",
  ],
  violence_terrorism: ["视频里有血腥暴力画面", "Graphic violent video shared in moments.", "宣扬暴力的内容，群里有小孩"],
  pornography: ["打开是色情视频网站", "Adult content posted in a family group.", "低俗擦边直播，诱导充值"],
  illegal_trade: [
    "卖处方药，不需要处方",
    "Selling cigarettes online, no licence.",
    "拉人头交会费，层层返利，像传销",
    "Unlicensed stock tips channel asking for membership fees.",
  ],
  rumour: [
    "说某地明天要封路，官方没有发布过",
    "Fake health advice: 'cures diabetes in 7 days'.",
    "这个已经被官方辟谣了，还在到处转",
    "Old news repackaged as breaking news.",
    "标题党，内容与事实不符",
  ],
  infringement: [
    "盗版电影在线看",
    "冒充官方客服的账号",
    "Pretends to be the brand's official store.",
    "Uses my photos without permission.",
    "假冒名牌包，价格低得离谱",
  ],
  phishing_malware: [
    "仿冒登录页面，要输入微信密码",
    "Asks me to download an APK to 'verify my identity'.",
    "说ETC认证失效，要填银行卡号",
    "Looks like a bank login page but the address is wrong.",
    "下载后手机一直弹广告",
  ],
  excessive_data_collection: [
    "测个性格要先填手机号和身份证号",
    "Requires my phone number just to read the article.",
    "要求授权头像和通讯录才能继续",
    "Asks for my ID number to claim a 'free gift'.",
  ],
  risky_source: [
    "不知道是谁做的网站，让下载不明软件",
    "No company information anywhere on the page.",
    "下载链接来源不明",
    "Unknown download; my phone's security app flagged it.",
  ],
  induced_sharing: [
    "要分享到3个群才能看完整视频",
    "帮忙砍一刀，砍完又要继续拉人",
    "Must share to moments to unlock the prize.",
    "投票要先关注公众号",
    "集赞领奖品，要转发朋友圈",
  ],
  excessive_marketing: [
    "一打开就跳到别的广告页面，返回键没用",
    "Full of pop-up ads that can't be closed.",
    "每天都有人在群里发这个优惠券链接",
    "Back button hijacked, keeps redirecting.",
    "弹窗广告太多",
  ],
  evasion: [
    "这个网站换了个域名又来了",
    "Same scam as last month, new domain.",
    "在微信里打开和在浏览器里打开内容不一样",
    "跳转了好几次才到最后的页面",
    "Goes through several short links before the real page.",
  ],
};

export const genericDescriptions = ["朋友发到群里的", "Found this in a group chat.", "看着不对劲，请核实", "Please check this link.", "家里老人转发的"];
