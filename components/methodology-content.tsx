import type { ReactNode } from "react";
import type { Lang } from "@/lib/i18n";
import { SUBSCRIPTIONS_EN, SUBSCRIPTIONS_KO } from "./methodology-subscriptions";

/**
 * docs/methodology.md retold for readers, in Korean and in English. The two are
 * written as prose rather than translated line by line; the figures and rules
 * are the same ones the report code applies (core/accounting).
 */
export type MethodologySection = { id: string; title: string; body: ReactNode };

export function methodologySections(lang: Lang): MethodologySection[] {
  return lang === "ko" ? KO : EN;
}

const KO: MethodologySection[] = [
  {
    id: "what",
    title: "무엇을 재나요",
    body: (
      <>
        <p>
          이 사이트는 지역화폐 앱의 회원가입, 충전, 결제, 잔액 조회 같은 기능을 시민이 쓰는 것과 같은 방식으로 정해진 간격마다 직접 요청해 봅니다. 이것을{" "}
          <strong>측정</strong>이라고 부릅니다. 측정은 운영사나 지자체와 관계없이 이 사이트가 직접 하며, 운영사의 발표는 따로 구분해 적습니다.
        </p>
        <p>
          기능마다 무엇을 보내고 어떤 응답을 올바르다고 볼지(상태 코드, 응답 내용, 목표 응답 시간)는 공개된 설정 파일에 적혀 있고, 장애 페이지에서도 그대로 볼
          수 있습니다. 비밀번호나 인증 값은 공개하지 않습니다.
        </p>
      </>
    ),
  },
  {
    id: "states",
    title: "측정 한 번의 결과",
    body: (
      <>
        <p>측정 한 번은 네 가지 결과 가운데 하나를 냅니다.</p>
        <dl className="method-terms">
          <dt>정상</dt>
          <dd>기대한 응답을 제한 시간 안에 받았습니다.</dd>
          <dt>지연</dt>
          <dd>응답은 올바르지만 목표 응답 시간보다 느렸습니다. 서비스는 쓸 수 있었으므로 가용 시간으로 셉니다. 느린 응답은 응답 시간 지표로 따로 봅니다.</dd>
          <dt>장애(실패)</dt>
          <dd>오류 응답, 틀린 내용, 연결 실패, 시간 초과 가운데 하나였습니다.</dd>
          <dt>측정 불가</dt>
          <dd>측정 장비 자신의 문제(예: 장비 쪽 인터넷 끊김)로 확인하지 못했습니다. 운영사의 장애로 세지 않습니다.</dd>
        </dl>
        <p>
          시각 t에 나온 결과는 다음 측정까지, 곧 t부터 t + 측정 간격까지를 대표합니다. 조금 늦게 온 측정은 공백이 아니지만, 측정 간격의 두 배가 넘게 결과가
          없으면 그 시간은 <strong>데이터 없음</strong>입니다. 데이터 없음도 운영사의 장애로 세지 않습니다.
        </p>
      </>
    ),
  },
  {
    id: "outages",
    title: "장애는 언제 시작하고 언제 끝나나요",
    body: (
      <>
        <p>
          한 번 실패했다고 바로 장애로 보지는 않습니다. 정해진 횟수(설정값, 보통 3번)만큼 <strong>연속으로</strong> 실패하면 장애로 확정합니다. 확정되면 장애의
          시작은 그 연속 실패의 <strong>첫 실패 측정 시각</strong>으로 거슬러 올라갑니다. 장애는 처음으로 올바른 응답(정상 또는 지연)이 나온 측정 시각에
          끝납니다.
        </p>
        <p>
          예를 들어 10초마다 재고 3번 연속 실패로 확정한다면, 20초·30초·40초에 실패하고 50초에 정상이었을 때 장애는 20초부터 50초까지 30초이고 40초에
          확정됩니다.
        </p>
        <p>
          확정 기준보다 짧게 끝난 실패는 <strong>순간 장애</strong>로 따로 기록하고 장애 시간에는 넣지 않습니다. 측정 불가 결과는 연속 실패를 늘리지도 끊지도
          않습니다. 확정 전에 데이터 없음 구간이 끼면 더는 “연속”이 아니므로 다시 셉니다. 이미 확정된 장애는 데이터 없음 구간을 지나도 이어지지만, 그 구간은
          가용률 계산에서 뺍니다.
        </p>
        <p>계약이 정한 최소 장애 시간(예: 1분)보다 짧은 장애는 계약 계산에서 뺍니다.</p>
      </>
    ),
  },
  {
    id: "availability",
    title: "가용률은 어떻게 계산하나요",
    body: (
      <>
        <p className="method-formula">가용률 = 1 − 장애 시간 ÷ 대상 시간</p>
        <p>
          <strong>대상 시간</strong>은 기간 전체에서 면책 시간, 데이터 없음, 측정 불가를 뺀 시간입니다. 이 사이트가 보지 못한 시간을 운영사에게 유리하게도
          불리하게도 쓰지 않기 위해서입니다. 그래서 가용률 옆에는 언제나 <strong>측정률</strong>(기간 가운데 실제로 측정된 비율)을 함께 보여 줍니다. 측정률이
          낮으면 가용률도 그만큼 조심해서 읽어야 합니다.
        </p>
        <p>
          서비스 전체는 핵심 기능 가운데 하나라도 장애면 장애로 봅니다(규정에 따라 대상 기능을 따로 정할 수 있습니다). 여러 곳에서 측정할 때는 데이터가 있는
          측정 위치 가운데 정해진 수 이상이 장애로 볼 때만 장애입니다.
        </p>
        <p>
          퍼센트는 소수 둘째 자리에서 <strong>버림</strong>하여 보여 줍니다. 99.999%가 100.00%로 보이지 않게 하려는 것입니다. 두 달에 걸친 장애는 시간으로
          나누어 각 달에 들어갑니다.
        </p>
        <p id="ninety-day">
          서비스 페이지의 기능별 <strong>90일 가용률</strong>은 90일 막대의 장애 시간 합계를 측정된 시간 합계로 나눈 값입니다(1 − 장애 시간 ÷ 측정 시간). 면책은
          반영하지 않고, 측정이 없는 날은 빠지며, 같은 방식으로 소수 둘째 자리에서 버림합니다. 계약상 가용률은 의회 보고서의 값입니다.
        </p>
      </>
    ),
  },
  {
    id: "excused",
    title: "면책 시간",
    body: (
      <>
        <p>
          운영사가 계약이 정한 기간(예: 72시간) <strong>이상 앞서</strong> 공지한 점검 시간은 면책입니다. 정확히 그 기간 전에 공지했으면 면책되고, 늦게
          공지했으면 면책되지 않으며 보고서에 이유와 함께 “면책 안 됨”으로 적습니다. 천재지변 같은 불가항력은 관리자가 이유를 적어 표시한 경우에만 면책됩니다.
        </p>
      </>
    ),
  },
  {
    id: "money",
    title: "계약 금액 규정",
    body: (
      <>
        <p>
          계약서의 조항은 각각 하나의 <strong>규정</strong>으로 설정되고, 보고서는 규정마다 근거 조항, 기준과 실제 값, 입력값, 계산식을 모두 보여 줍니다. 금액은
          모두 정수 원으로 계산합니다.
        </p>
        <h3>지체상금</h3>
        <p>
          서비스 개시가 늦어지면 기준 금액 × 1일 지체상금률 × 지체일수입니다. 지체일수는 기한 다음 날부터 실제 개시일까지의 달력 날짜(양끝 포함)에서 면책일을 뺀
          것입니다. 2022년 동백전은 기한이 4월 1일 14:00, 실제 개시가 4월 4일 09:00이라 4월 2·3·4일 3일이 늦었고, 3,640,000,000원 × 1.3/1000 × 3일 ={" "}
          <strong>14,196,000원</strong>입니다. 법이 정한 상한(지방계약 용역 1일 1.3/1000, 총액은 계약금액의 30%)을 넘는 비율은 상한으로 계산하고 경고를
          붙입니다.
        </p>
        <h3>가용률 감액(서비스 크레디트)</h3>
        <p>
          한 달 가용률이 구간 기준보다 <strong>낮으면</strong> 그 구간의 비율만큼 월 대가에서 감액합니다. 기준과 정확히 같으면 낮은 것이 아닙니다. 예를 들어
          99.00%는 “99% 미만”이 아닙니다.
        </p>
        <h3>복구 시간 초과</h3>
        <p>
          한 장애가 최대 복구 시간을 넘기면 넘긴 시간의 <strong>시작된 시간마다</strong> 정해진 금액을 셉니다. 장애는 끝난 달에 속합니다. 아직 끝나지 않은
          장애는 지금까지로 계산하고 “누적 중”으로 표시합니다.
        </p>
        <h3>중대 장애</h3>
        <p>
          일정 기간(예: 90일) 안에 장애 시간이 기준(예: 24시간)을 넘으면 “요건 충족”으로 표시합니다. 금액이 아니라 계약 해지 검토 같은 절차의 근거가 되는
          표시입니다.
        </p>
        <h3>성과 평가</h3>
        <p>지표마다 기대수준 이상이면 100점, 최소수준 이하이면 0점, 그 사이는 직선으로 점수를 매기고, 가중 평균 점수에 따라 성과 풀의 지급률을 정합니다.</p>
      </>
    ),
  },
  {
    id: "rounding",
    title: "반올림하지 않고 버립니다",
    body: (
      <p>
        모든 계산은 정수와 분수로 정확히 한 뒤, 마지막에 <strong>1원 미만을 버립니다</strong>(한국 관행). 비율도 “1.3/1000”, “0.13%”처럼 적힌 그대로 계산하고
        부동소수점을 쓰지 않습니다. 월 대가는 계약금액을 계약 기간의 달 수로 나누어 1원 미만을 버린 값입니다(2022년 동백전: 101,111,111원).
      </p>
    ),
  },
  {
    id: "illustrative",
    title: "예시 규정",
    body: (
      <p>
        계약서가 분명히 정하지 않은 조건(예: 2022년 동백전의 가용률 감액 구간)은 <strong>예시</strong>로 표시합니다. 예시 규정도 계산해서 보여 주지만, 청구할 수
        있는 금액이 아니므로 <strong>합계에 넣지 않고</strong> “예시 규정 합계”로 따로 적습니다.
      </p>
    ),
  },
  {
    id: "reported",
    title: "제보·보도된 장애",
    body: (
      <p>
        측정을 시작하기 전이나 측정 밖에서 보도나 시민 제보로만 알려진 장애는 출처와 함께 <strong>제보·보도</strong>로 기록합니다. 측정된 장애와 언제나 따로
        보여 주며, 금액 계산에는 규정이 그렇게 정한 경우에만 들어갑니다.
      </p>
    ),
  },
  {
    id: "time",
    title: "시간과 달",
    body: (
      <p>
        시각은 모두 세계 표준시(UTC)로 저장하고 화면에는 한국 표준시(KST)로 보여 줍니다. 달은 계약의 시간대로 1일 00:00부터 다음 달 1일 00:00 전까지입니다. 예를
        들어 2022년 4월은 720시간이고, 81시간 동안 쓸 수 없었다면 가용률은 88.75%입니다. 진행 중인 달은 지금까지만 세며 “진행 중”으로 표시합니다.
      </p>
    ),
  },
  SUBSCRIPTIONS_KO,
  {
    id: "limits",
    title: "아직 하지 않는 것",
    body: (
      <>
        <p>
          운영사에 보낸 알림, 운영사의 장애 확인과 공지, 이의 제기와 그 결정은 기록하며 장애 페이지에 측정 결과와 따로 보여 줍니다. 운영사가 쓴 글은 고치지 않고
          그대로 싣습니다. 측정 결과를 바꾸는 것은 관리자가 인정한 이의 제기뿐이며, 그 시간은 면책으로 셉니다.
        </p>
        <p>비교 페이지의 “최근 30일 가용률”은 이 사이트가 측정한 시간만으로 계산한 값이며 면책을 반영하지 않습니다. 계약상 숫자는 의회 보고서를 보세요.</p>
      </>
    ),
  },
];

const EN: MethodologySection[] = [
  {
    id: "what",
    title: "What is measured",
    body: (
      <>
        <p>
          On a fixed schedule this site itself tries the functions citizens use in a local-currency app: sign-up, top-up, payment, balance. Each try is a{" "}
          <strong>probe run</strong>. The runs are made independently of the operator and the city; statements by the operator are kept apart from them.
        </p>
        <p>
          What each probe sends and what counts as a correct answer (status code, content, latency target) is in a public configuration file and is shown on
          every outage page. Passwords and credentials are never shown.
        </p>
      </>
    ),
  },
  {
    id: "states",
    title: "What one run can say",
    body: (
      <>
        <p>Every run ends in one of four results.</p>
        <dl className="method-terms">
          <dt>Up</dt>
          <dd>The expected answer came back within the time limit.</dd>
          <dt>Slow</dt>
          <dd>
            The answer was correct but slower than the latency target. The service was usable, so it counts as available; slowness is judged by its own
            indicator.
          </dd>
          <dt>Failed</dt>
          <dd>An error status, wrong content, a connection failure or a timeout.</dd>
          <dt>Unmeasured</dt>
          <dd>The monitor itself could not check (for example, its own network was down). Never counted as the operator&apos;s downtime.</dd>
        </dl>
        <p>
          A result at time t stands for the time until the next run, from t to t + interval. A run that is a little late is not a gap, but when no result
          arrives for more than twice the interval, that time is <strong>no data</strong>, which is never the operator&apos;s downtime either.
        </p>
      </>
    ),
  },
  {
    id: "outages",
    title: "When an outage starts and ends",
    body: (
      <>
        <p>
          One failure is not an outage. A set number of failures <strong>in a row</strong> (configured, usually 3) confirms one, and the outage then starts at
          the <strong>first failing run</strong> of that streak. It ends at the first run that answers correctly (up or slow).
        </p>
        <p>
          For example, with a run every 10 seconds and 3 failures to confirm: failures at 20, 30 and 40 s and success at 50 s make an outage from 20 s to 50 s,
          30 seconds long, confirmed at 40 s.
        </p>
        <p>
          Shorter streaks are recorded as <strong>blips</strong> and never counted as downtime. An unmeasured run neither extends nor breaks a streak. A no-data
          gap breaks a streak that is not yet confirmed (the failures are no longer consecutive); a confirmed outage stays open across it, and the gap is left
          out of availability.
        </p>
        <p>Outages shorter than the contract&apos;s minimum (for example one minute) are left out of the contract figures.</p>
      </>
    ),
  },
  {
    id: "availability",
    title: "How availability is computed",
    body: (
      <>
        <p className="method-formula">availability = 1 − downtime ÷ eligible time</p>
        <p>
          <strong>Eligible time</strong> is the period less excused time, no data and unmeasured time: time the site could not see is used neither for nor
          against the operator. That is why <strong>coverage</strong> (the share of the period actually measured) is always shown beside availability; low
          coverage means the availability figure deserves caution.
        </p>
        <p>
          The service as a whole is down when any core function is down (a rule may name its own functions). With several measuring locations, a function is
          down only when at least the configured number of locations that have data see it down.
        </p>
        <p>
          Percentages are <strong>truncated</strong> to two decimals, so 99.999% never shows as 100.00%. An outage across a month boundary is split by time
          between the months.
        </p>
        <p id="ninety-day">
          The <strong>90-day availability</strong> beside each function&apos;s bars on a service page is the downtime of the 90 daily bars over the time
          measured in them (1 − downtime ÷ measured time). It applies no excused time, leaves out days without measurements and is truncated to two decimals the
          same way. The contract&apos;s availability is the council report&apos;s figure.
        </p>
      </>
    ),
  },
  {
    id: "excused",
    title: "Excused time",
    body: (
      <p>
        Maintenance announced <strong>at least</strong> the contract&apos;s notice period ahead (for example 72 hours) is excused; announced exactly that far
        ahead still counts. A late announcement is not excused and the report says so, with the reason. Force majeure is excused only when an administrator
        records it with a stated reason.
      </p>
    ),
  },
  {
    id: "money",
    title: "Money rules",
    body: (
      <>
        <p>
          Each clause of the contract is configured as a <strong>rule</strong>, and the report shows for every rule the clause it comes from, the target and the
          actual value, the inputs and the formula. All amounts are whole won.
        </p>
        <h3>Delay damages</h3>
        <p>
          For a late go-live: base amount × daily rate × days late. Days late are the calendar days from the day after the deadline to the day service actually
          started, both included, less excused days. In 2022 the Dongbaekjeon deadline was 1 April 14:00 and service started 4 April 09:00: 2, 3 and 4 April,
          three days, so 3,640,000,000 × 1.3/1000 × 3 = <strong>14,196,000 KRW</strong>. A rate above the legal ceiling (local-government service contracts:
          1.3/1000 a day, 30% of the contract in total) is cut to the ceiling, with a warning.
        </p>
        <h3>Service credits</h3>
        <p>
          When a month&apos;s availability is <strong>below</strong> a tier&apos;s threshold, that tier&apos;s share of the month&apos;s fee is credited.
          Exactly at the threshold is not below it: 99.00% is not “below 99%”.
        </p>
        <h3>Recovery time</h3>
        <p>
          When one outage lasts longer than the maximum recovery time, an amount is due for <strong>every started hour</strong> beyond it. An outage belongs to
          the month in which it ended; one still open counts so far and is marked “accruing”.
        </p>
        <h3>Critical failure</h3>
        <p>
          When downtime within a rolling window (for example 90 days) exceeds a threshold (for example 24 hours), the report marks the trigger. It is a flag for
          steps such as a termination review, not an amount.
        </p>
        <h3>Performance pool</h3>
        <p>
          Each indicator scores 100 at or better than its expected level, 0 at or worse than its minimum, and linearly in between; the weighted score sets how
          much of the pool is paid.
        </p>
      </>
    ),
  },
  {
    id: "rounding",
    title: "Truncated, never rounded",
    body: (
      <p>
        Every sum is computed exactly with integers and fractions and then <strong>truncated below 1 won</strong> (Korean practice). Rates are used as written
        (“1.3/1000”, “0.13%”), never as floating point. The monthly fee is the contract amount divided by the months of the term, truncated (Dongbaekjeon 2022:
        101,111,111 KRW).
      </p>
    ),
  },
  {
    id: "illustrative",
    title: "Illustrative rules",
    body: (
      <p>
        Terms the contract does not state clearly (such as availability tiers for Dongbaekjeon in 2022) are marked <strong>illustrative</strong>. They are
        computed and shown, but they are not amounts anyone can claim, so they are <strong>never added to the total</strong> and are summed apart.
      </p>
    ),
  },
  {
    id: "reported",
    title: "Reported incidents",
    body: (
      <p>
        Incidents known only from the press or citizens, from before monitoring began or outside it, are recorded as <strong>reported</strong>, with their
        sources. They are always listed apart from measured outages and count in money only where a rule says so.
      </p>
    ),
  },
  {
    id: "time",
    title: "Time and months",
    body: (
      <p>
        Instants are stored in UTC and shown in Korean Standard Time (KST). A month runs in the contract&apos;s time zone from the 1st 00:00 up to, not
        including, the 1st of the next month. April 2022 has 720 hours; 81 hours without service make an availability of 88.75%. The current month counts up to
        now and is marked “in progress”.
      </p>
    ),
  },
  SUBSCRIPTIONS_EN,
  {
    id: "limits",
    title: "What the site does not do yet",
    body: (
      <>
        <p>
          Alerts sent to the operator, the operator&apos;s acknowledgements and updates, and disputes with their decisions are recorded and shown on outage
          pages apart from the measurements. What the operator writes is shown as written. Only a dispute an admin accepted changes the accounting: its time is
          excused.
        </p>
        <p>
          The “last 30 days” availability on the compare page uses only the time this site measured and applies no excused time. For contract figures, read the
          council report.
        </p>
      </>
    ),
  },
];
