import { REPORT_LIMITS } from "@/core/citizen/report-rules";
import { SURGE_DAYS, SURGE_FACTOR, SURGE_MIN_COUNT } from "@/core/citizen/surge";
import type { Lang } from "@/lib/i18n";
import type { MethodologySection } from "./methodology-content";

/** The methodology page's section on citizens' reports (docs/methodology.md, "Citizen reports"). */
export function citizenReportSection(lang: Lang, rawResultsDays: number): MethodologySection {
  const l = REPORT_LIMITS;
  return lang === "ko"
    ? {
        id: "citizen-reports",
        title: "시민 신고",
        body: (
          <>
            <p>
              서비스 페이지에서 누구나 무엇이 안 되는지(서비스의 기능, 가맹점 결제, 기타)와, 원하면 지역을 골라 신고할 수 있습니다. 신고는{" "}
              <strong>측정값이 아니며</strong> 장애 시간이나 계약 금액에 넣지 않습니다. 측정과 나란히, 5분 단위 건수로만 공개합니다(서비스 페이지, 공개 데이터의
              JSON과 CSV).
            </p>
            <p>
              <strong>저장하는 것:</strong> 신고 시각, 고른 항목, 고른 지역, 그리고 보낸 곳의 주소를 서버 비밀값과 날짜로 만든 열쇠로 바꾼 값(해시)입니다.
              열쇠는 날마다 바뀌어, 같은 날 같은 곳에서 온 신고인지만 알 수 있고 사람이나 다른 날의 신고와 이을 수 없습니다. 주소 자체와 자유 입력, 계정은
              저장하지 않습니다.
            </p>
            <p>
              <strong>얼마나 오래:</strong> 신고와 5분 단위 건수는 측정 원자료와 같은 기간({rawResultsDays}일) 동안 두고 지웁니다. 한도를 세는 값은 한 시간이
              지나면 지웁니다.
            </p>
            <p>
              <strong>남용을 막는 방법:</strong> 한 곳에서 한 시간에 {l.clientPerHour}건(기능마다 {l.clientPerFunctionPerHour}건)까지 셉니다. 브라우저는
              신고마다 서버가 낸 짧은 계산 문제(작업 증명)를 풀어 보냅니다. 자바스크립트 없이 보낸 신고는 한 시간에 {l.clientPerHourWithoutProof}건까지입니다.
              모두 합쳐 한 기능에 1분에 {l.functionPerMinute}건을 넘으면 더 세지 않습니다. 외부 서비스는 쓰지 않습니다.
            </p>
            <p>
              <strong>급증:</strong> 어느 기능의 최근 1시간 신고가 지난 {SURGE_DAYS}일 같은 시간 신고 수의 중앙값의 {SURGE_FACTOR}배 이상이고 {SURGE_MIN_COUNT}
              건 이상이면 급증입니다. 예를 들어 지난 7일이 3, 5, 2, 4, 3, 6, 1건이면 중앙값은 3건, 기준은 30건입니다. 급증이면 측정이 정상이어도 운영사와
              관리자에게 알리고 서비스 페이지에 “시민 신고 급증”을 표시합니다. 관리자가 확인해 보고된 장애로 기록하면 신고 수가 그 출처로 남고 공개 활동 기록에
              오릅니다.
            </p>
          </>
        ),
      }
    : {
        id: "citizen-reports",
        title: "Citizen reports",
        body: (
          <>
            <p>
              On a service page anyone can report what fails for them (one of the service&apos;s functions, in-store payment, or other) and, if they wish, a
              district. Reports are <strong>not measurements</strong>: they are never downtime and never in a contract figure. They are published beside the
              measurements as counts per 5 minutes only (the service page, and the open data as JSON and CSV).
            </p>
            <p>
              <strong>What is stored:</strong> when, what and which district was chosen, and the sender&apos;s address turned into a hash with a key made from
              the server&apos;s secret and the date. The key changes every day: reports can be told apart within a day, never linked to a person or across days.
              No address, no free text, no account is stored.
            </p>
            <p>
              <strong>For how long:</strong> reports and their 5-minute counts are kept as long as the raw measurements ({rawResultsDays} days) and then
              deleted; the counters behind the limits are deleted after an hour.
            </p>
            <p>
              <strong>Against abuse:</strong> one client counts for at most {l.clientPerHour} reports an hour ({l.clientPerFunctionPerHour} per function). The
              browser solves a short puzzle the server sets (a proof of work) for each report; a report sent without JavaScript counts for at most{" "}
              {l.clientPerHourWithoutProof} an hour. A function counts at most {l.functionPerMinute} reports a minute from everyone together. No third-party
              service is used.
            </p>
            <p>
              <strong>A surge:</strong> a function&apos;s reports in the last hour reach {SURGE_FACTOR} times the median of the same hour on the {SURGE_DAYS}{" "}
              days before, and at least {SURGE_MIN_COUNT}. For example, with 3, 5, 2, 4, 3, 6 and 1 on those days the median is 3 and the threshold 30. A surge
              alerts the operator and the admins even while the probes see nothing wrong, and the service page says “Surge of citizen reports”. An admin who has
              checked it can record it as a reported incident: the report counts become its source and the decision goes on the public activity log.
            </p>
          </>
        ),
      };
}
