import { buildReport } from "@/core/accounting/build-report";
import { parseMonth } from "@/core/accounting/periods";
import type { ServiceReport } from "@/core/accounting/report-types";
import { contractSchema } from "@/core/config/contract-schema";
import { runs } from "./report-fixtures";

const HOUR = 3_600_000;
const MIN = 60_000;

/**
 * April 2025 of a made-up contract with every kind of decision a council report shows (all times KST):
 * - go-live due 2025-03-21 18:00, made 2025-04-30 10:00: late days 03-22 … 04-30 = 10 + 30 = 40;
 *   1,000,000,000 × 1.3/1000 = 1,300,000 a day; cap 5% = 50,000,000. March charged 10 × 1,300,000 =
 *   13,000,000; to the end of April 40 × 1,300,000 = 52,000,000 uncapped → 50,000,000 capped;
 *   April = 50,000,000 − 13,000,000 = 37,000,000.
 * - outage 04-01 00:00–05:00 (5 h; recovery limit 4 h → 1 started hour × 500,000), 04-10 10:00–11:00
 *   (1 h, within the limit), 04-15 02:00–03:00 inside maintenance announced 72 h ahead (excused),
 *   04-20 12:00–14:00 excused by an accepted dispute.
 * - blips (failures too short to confirm an outage): 04-05 09:00 (one run), 04-06 09:00 (two runs).
 */
export function syntheticReport(asOf = "2026-01-01T00:00:00Z"): ServiceReport {
  const contract = contractSchema.parse({
    key: "bay",
    title: "바다시 지역화폐 운영",
    operator: "바다정보",
    amountKrw: 1_000_000_000,
    term: { start: "2025-03-01", end: "2026-02-28" },
    maintenanceNotice: "48h",
    minOutage: "1m",
    goLive: { deadline: "2025-03-21T18:00:00+09:00", actualStart: "2025-04-30T10:00:00+09:00" },
    rulesets: [
      {
        effectiveFrom: "2025-03-01",
        rules: [
          { id: "delay", kind: "delay_damages", clause: "제20조 지체상금", dailyRate: "1.3/1000", cap: "5%" },
          {
            id: "credit",
            kind: "service_credit",
            clause: "제21조 가용률",
            target: "99.5%",
            tiers: [
              { below: "99.5%", credit: "10%" },
              { below: "99%", credit: "25%" },
            ],
          },
          {
            id: "recovery",
            kind: "recovery_time",
            clause: "제22조 복구 시간",
            maxRecovery: "4h",
            perStartedHour: { amountKrw: 500_000 },
            cap: { amountKrw: 5_000_000 },
          },
          { id: "critical", kind: "critical_failure", clause: "제23조 중대 장애", window: "90d", moreThan: "24h" },
        ],
      },
    ],
  });
  const kst = (s: string) => `${s}+09:00`;
  const fiveMin = 5 * MIN;
  const down = (from: string, to: string): [string, string, "DOWN"] => [kst(from), kst(to), "DOWN"];
  const topupRuns = runs(kst("2025-03-20T00:00:00"), kst("2025-05-03T00:00:00"), fiveMin, [
    down("2025-04-01T00:00:00", "2025-04-01T05:00:00"),
    down("2025-04-05T09:00:00", "2025-04-05T09:05:00"),
    down("2025-04-06T09:00:00", "2025-04-06T09:10:00"),
    down("2025-04-10T10:00:00", "2025-04-10T11:00:00"),
    down("2025-04-15T02:00:00", "2025-04-15T03:00:00"),
    down("2025-04-20T12:00:00", "2025-04-20T14:00:00"),
  ]);
  const signupRuns = runs(kst("2025-03-20T00:00:00"), kst("2025-05-03T00:00:00"), fiveMin);
  const at = (s: string) => Date.parse(kst(s));
  return buildReport({
    service: {
      slug: "bay",
      name: "바다페이",
      nameEn: "Bada Pay",
      quorum: 1,
      functions: [
        { key: "signup", name: "회원가입", nameEn: "Sign-up", critical: true },
        { key: "topup", name: "충전", nameEn: "Top-up", critical: true },
      ],
    },
    contract,
    month: parseMonth("2025-04")!,
    asOf: Date.parse(asOf),
    runsFrom: at("2025-03-20T00:00:00"),
    runsTo: at("2025-05-03T00:00:00"),
    probes: [
      { functionKey: "signup", location: "seoul", confirm: 3, runs: signupRuns },
      { functionKey: "topup", location: "seoul", confirm: 3, runs: topupRuns },
    ],
    maintenance: [{ id: "maint-1", start: at("2025-04-15T01:00:00"), end: at("2025-04-15T04:00:00"), announcedAt: at("2025-04-15T01:00:00") - 72 * HOUR }],
    forceMajeure: [],
    disputes: [
      { id: "dispute-7", start: at("2025-04-20T12:00:00"), end: at("2025-04-20T14:00:00"), reason: "통신사 회선 장애로 확인", dispute: 7, outage: 41 },
    ],
    reported: [],
    latencyP95: () => null,
  });
}
