import { ADDRESS_DAY_MAX, ADDRESS_INTERVAL_MS, CLIENT_HOUR_MAX, CONFIRM_TTL_MS } from "@/core/subscriptions/subscription-rules";
import type { MethodologySection } from "./methodology-content";

/** The methodology page's section on following a service and what e-mail subscription stores, for how long (the numbers from core). */
const TTL_H = CONFIRM_TTL_MS / 3_600_000;
const EVERY_MIN = ADDRESS_INTERVAL_MS / 60_000;

export const SUBSCRIPTIONS_KO: MethodologySection = {
  id: "subscriptions",
  title: "소식 받기와 개인정보",
  body: (
    <>
      <p>
        서비스 페이지에서 장애 피드(Atom)와 장애 목록(CSV, JSON)을 받을 수 있고, 메일로 구독할 수도 있습니다. 메일은 장애가 확정될 때, 끝날 때, 운영사가 장애
        페이지에 공지를 올릴 때 보내며, 모든 메일에 구독 해지 링크가 있습니다.
      </p>
      <p>
        메일 구독에 저장하는 것은 메일 주소, 구독하는 서비스, 신청·확인 시각, 링크를 만드는 임의의 값과 링크 값의 해시뿐입니다. 주소는 메일을 보낼 때만 읽고
        페이지, 공개 데이터, 피드, 활동 기록, 서버 로그 어디에도 싣지 않습니다. 받은 확인 메일에서 구독을 확인해야 구독이 시작되며, {TTL_H}시간 안에 확인하지
        않은 신청은 지웁니다. 구독을 해지하면 그 주소를 바로 지웁니다. 메일 전달 기록(시각, 메일 서버의 응답)은 다른 알림처럼 관리자가 볼 수 있지만 주소 없이
        구독 번호만 남습니다.
      </p>
      <p>
        남의 주소로 메일을 쏟아 보내지 못하도록 확인 메일은 같은 주소로 {EVERY_MIN}분에 한 번, 하루 {ADDRESS_DAY_MAX}번까지만 보내고, 한 접속 주소에서의 신청은
        한 시간에 {CLIENT_HOUR_MAX}번까지 받습니다. 이 횟수를 세는 기록은 주소 대신 비밀 키로 만든 해시로 남고 이틀 뒤 지웁니다.
      </p>
    </>
  ),
};

export const SUBSCRIPTIONS_EN: MethodologySection = {
  id: "subscriptions",
  title: "Following a service, and privacy",
  body: (
    <>
      <p>
        Each service page offers its outage feed (Atom), its outage list (CSV, JSON) and e-mail subscription. Mail goes out when an outage is confirmed, when it
        ends, and when the operator posts a statement on the outage page; every mail has an unsubscribe link.
      </p>
      <p>
        For an e-mail subscription the site stores the address, the service, when it was asked for and confirmed, a random value the links are made from, and
        hashes of the links&apos; tokens: nothing else. The address is read only to send mail and appears on no page, in no open data, feed, activity log or
        server log. The subscription starts only once confirmed from the confirmation mail; a request not confirmed within {TTL_H} hours is deleted.
        Unsubscribing deletes the address at once. Delivery records (time, the mail server&apos;s reply) are visible to admins like any alert&apos;s, with the
        subscription&apos;s number and no address.
      </p>
      <p>
        So that nobody can flood a stranger&apos;s mailbox, one address gets at most one confirmation mail every {EVERY_MIN} minutes and {ADDRESS_DAY_MAX} a
        day, and one network address may ask {CLIENT_HOUR_MAX} times an hour. These counts are kept under a keyed hash instead of the address and deleted after
        two days.
      </p>
    </>
  ),
};
