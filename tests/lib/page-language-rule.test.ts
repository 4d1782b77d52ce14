import { describe, expect, it } from "vitest";
import { languageFindings } from "../e2e/page-text";

/** The rule the end-to-end language check applies to every public page. */
describe("wrong-language text on a page", () => {
  it.each([
    { name: "a Korean sentence on a Korean page", lang: "ko" as const, text: "충전: 2026년 12월 7일 16:20부터 장애 (한국 시각)", found: 0 },
    { name: "units and short codes on a Korean page", lang: "ko" as const, text: "p50 120 ms, p95 300 ms · KST · SHA-256", found: 0 },
    { name: "an English sentence on a Korean page", lang: "ko" as const, text: "Maintenance announced, but later than the notice period", found: 1 },
    { name: "the product name on a Korean page", lang: "ko" as const, text: "Uptime Ledger 업타임 원장", found: 0 },
    { name: "a URL on a Korean page", lang: "ko" as const, text: "출처: https://example.org/news/the-long-outage-story", found: 0 },
    { name: "the Korean reading of an amount on an English page", lang: "en" as const, text: "3,640,000,000 KRW 36억 4,000만원", found: 1 },
    { name: "a Korean contract title on an English page", lang: "en" as const, text: "Contract 부산 지역화폐 운영 대행 용역", found: 1 },
    { name: "the language switch on an English page", lang: "en" as const, text: "한국어", found: 0 },
    { name: "an ISO instant on an English page", lang: "en" as const, text: "since 2026-12-07T07:20:00.000Z", found: 1 },
    { name: "an ISO instant on a Korean page", lang: "ko" as const, text: "2026-12-07T07:20:00Z부터", found: 1 },
  ])("$name: $found", ({ lang, text, found }) => {
    expect(languageFindings([text], lang)).toHaveLength(found);
  });
});
