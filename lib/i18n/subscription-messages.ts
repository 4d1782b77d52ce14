import type { Lang } from "./index";

/** Words of following a service: its feeds and e-mail subscription (the service page and the subscription pages). */
const ko = {
  followHeading: "이 서비스 소식 받기",
  followIntro: "장애가 생기고 끝날 때마다 알 수 있습니다. 피드 구독기나 메일 중 편한 쪽을 고르십시오.",
  feed: "장애 피드 (Atom)",
  feedHint: "피드 구독기에 이 주소를 넣으면 장애가 기록되고 끝날 때 새 글로 보입니다.",
  csv: "장애 목록 내려받기 (CSV)",
  json: "장애 목록 (JSON, 공개 데이터)",
  emailHeading: "메일로 받기",
  emailIntro: "장애가 확정될 때, 끝날 때, 운영사가 장애 페이지에 공지를 올릴 때 메일을 보냅니다. 한국어 다음에 영어가 이어지고 시각은 한국 시각입니다.",
  emailLabel: "메일 주소",
  emailButton: "구독 신청",
  emailPrivacy: (ttlHours: number, intervalMin: number, dayMax: number) =>
    `주소는 메일을 보내는 데에만 쓰고 어디에도 공개하지 않습니다. 받은 확인 메일의 링크에서 '구독 확인'을 눌러야 구독이 시작되며, ${ttlHours}시간 안에 확인하지 않은 주소는 지웁니다. 확인 메일은 같은 주소로 ${intervalMin}분에 한 번, 하루 ${dayMax}번까지만 보냅니다. 모든 메일에 구독 해지 링크가 있습니다.`,
  emailNotOffered: "이 인스턴스는 메일 서버가 설정되지 않아 메일 구독을 받지 않습니다. 피드를 이용해 주십시오.",
  pageTitle: "메일 구독",
  sentHeading: "확인 메일을 보냈습니다",
  sent: (service: string) =>
    `${service}의 장애 소식을 받으시려면 받은 편지함에서 확인 메일을 열고 링크의 '구독 확인'을 누르십시오. 이미 구독 중인 주소라면 메일을 다시 보내지 않습니다.`,
  sentLimit: (intervalMin: number) => `메일이 보이지 않으면 스팸함을 확인하십시오. 같은 주소로는 ${intervalMin}분에 한 번만 보냅니다.`,
  errors: {
    invalid_email: "메일 주소 형식이 아닙니다. 다시 입력해 주십시오.",
    unknown_service: "그런 서비스가 없습니다.",
    rate_limited: "이 접속 주소에서 구독 신청이 너무 많았습니다. 한 시간 뒤에 다시 시도해 주십시오.",
    not_offered: "이 인스턴스는 메일 구독을 받지 않습니다.",
    bad_request: "메일 주소를 입력해 주십시오.",
    invalid_token: "링크가 올바르지 않거나 기한이 지났습니다. 서비스 페이지에서 다시 신청해 주십시오.",
    already_unsubscribed: "이미 해지되었거나 올바르지 않은 링크입니다. 이 링크의 구독으로는 메일을 보내지 않습니다.",
  } as Record<string, string>,
  confirmHeading: "구독 확인",
  confirmAsk: (service: string) => `${service}의 장애 소식을 메일로 받으시겠습니까?`,
  confirmButton: "구독 확인",
  confirmedHeading: "구독이 시작되었습니다",
  confirmed: (service: string) => `앞으로 ${service}에 장애가 생기고 끝날 때 메일을 보냅니다. 모든 메일 끝에 구독 해지 링크가 있습니다.`,
  alreadyConfirmed: "이미 확인된 구독입니다.",
  unsubscribeHeading: "구독 해지",
  unsubscribeAsk: (service: string) => `${service}의 장애 소식 메일을 그만 받으시겠습니까?`,
  unsubscribeButton: "구독 해지",
  unsubscribedHeading: "구독을 해지했습니다",
  unsubscribed: "이 주소로 더는 메일을 보내지 않습니다. 주소는 지웠습니다.",
  backToService: (service: string) => `${service} 페이지로`,
  backHome: "첫 화면으로",
};

const en: typeof ko = {
  followHeading: "Follow this service",
  followIntro: "Hear when an outage starts and when it ends, in a feed reader or by e-mail.",
  feed: "Outage feed (Atom)",
  feedHint: "Add this address to a feed reader: each outage appears when it is recorded and again when it ends.",
  csv: "Download the outage list (CSV)",
  json: "Outage list (JSON, open data)",
  emailHeading: "By e-mail",
  emailIntro:
    "A mail when an outage is confirmed, when it ends, and when the operator posts a statement on the outage page. Korean first with English below; times in Korea time.",
  emailLabel: "E-mail address",
  emailButton: "Subscribe",
  emailPrivacy: (ttlHours: number, intervalMin: number, dayMax: number) =>
    `The address is used only to send these mails and is never shown anywhere. The subscription starts only after you press "Confirm" on the link in the confirmation mail; an address not confirmed within ${ttlHours} hours is deleted. One address gets at most one confirmation mail every ${intervalMin} minutes and ${dayMax} a day. Every mail has an unsubscribe link.`,
  emailNotOffered: "This instance has no mail server configured and takes no e-mail subscriptions. Please use the feed.",
  pageTitle: "E-mail subscription",
  sentHeading: "Confirmation mail sent",
  sent: (service: string) =>
    `To get ${service} incident mail, open the confirmation mail in your inbox and press "Confirm" on its link. An address already subscribed is not mailed again.`,
  sentLimit: (intervalMin: number) => `If it does not arrive, check your spam folder. One address is mailed at most once every ${intervalMin} minutes.`,
  errors: {
    invalid_email: "That is not an e-mail address. Please type it again.",
    unknown_service: "There is no such service.",
    rate_limited: "Too many subscription requests from your network. Please try again in an hour.",
    not_offered: "This instance takes no e-mail subscriptions.",
    bad_request: "Please type an e-mail address.",
    invalid_token: "The link is wrong or has expired. Please subscribe again on the service page.",
    already_unsubscribed: "Already unsubscribed, or the link is wrong. No mail goes out for this link's subscription.",
  },
  confirmHeading: "Confirm subscription",
  confirmAsk: (service: string) => `Get ${service} incident mail?`,
  confirmButton: "Confirm",
  confirmedHeading: "You are subscribed",
  confirmed: (service: string) => `You will get a mail when ${service} has an outage and when it ends. Every mail ends with an unsubscribe link.`,
  alreadyConfirmed: "This subscription was already confirmed.",
  unsubscribeHeading: "Unsubscribe",
  unsubscribeAsk: (service: string) => `Stop getting ${service} incident mail?`,
  unsubscribeButton: "Unsubscribe",
  unsubscribedHeading: "Unsubscribed",
  unsubscribed: "No more mail goes to this address. The address has been deleted.",
  backToService: (service: string) => `Back to ${service}`,
  backHome: "Home",
};

export function subscriptionText(lang: Lang): typeof ko {
  return lang === "ko" ? ko : en;
}
