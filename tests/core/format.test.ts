import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatDurationExact, formatHoursMinutes, formatKrw, formatKrwKorean, formatPercent } from "@/core/format";

describe("KRW, the Korean way", () => {
  it.each([
    // 3,640,000,000 × 0.0013 × 3 = 14,196,000 (the 2022 delay damages)
    [14_196_000, "14,196,000원", "1,419만 6,000원"],
    // 36억 4,000만: 36 × 10^8 + 4,000 × 10^4
    [3_640_000_000, "3,640,000,000원", "36억 4,000만원"],
    [13_650_000, "13,650,000원", "1,365만원"],
    [999, "999원", "999원"],
    [10_000, "10,000원", "1만원"],
    [0, "0원", "0원"],
    // 1조 2억 3만 4원: every unit present, zeros left out of nothing
    [1_000_200_030_004, "1,000,200,030,004원", "1조 2억 3만 4원"],
  ])("%d → %s / %s", (n, plain, korean) => {
    expect(formatKrw(n, "ko")).toBe(plain);
    expect(formatKrwKorean(n)).toBe(korean);
  });
  // English pages write the figure then the currency code, as a reader of English sees it in Korean documents
  it("English", () => expect(formatKrw(14_196_000n, "en")).toBe("14,196,000 KRW"));
  it("English, the 2022 contract", () => expect(formatKrw(3_640_000_000n, "en")).toBe("3,640,000,000 KRW"));
  it("English, nothing owed", () => expect(formatKrw(0, "en")).toBe("0 KRW"));
});

describe("dates in KST", () => {
  // 2022-04-04 00:00 UTC = 09:00 KST (UTC+9)
  const reopen = new Date("2022-04-04T00:00:00Z");
  it("Korean", () => expect(formatDateTime(reopen, "ko")).toBe("2022년 4월 4일 09:00"));
  it("English", () => expect(formatDateTime(reopen, "en")).toBe("2022-04-04 09:00 KST"));
  // 2022-03-31 15:00 UTC = 2022-04-01 00:00 KST: the KST date rolls over at 15:00 UTC
  it("midnight KST is 15:00 UTC the day before", () => expect(formatDateTime(new Date("2022-03-31T15:00:00Z"), "ko")).toBe("2022년 4월 1일 00:00"));
});

describe("durations", () => {
  it.each([
    // 81 h = 3 d 9 h = 291,600 s
    [291_600, "3일 9시간", "3 d 9 h"],
    // 67 h = 2 d 19 h
    [241_200, "2일 19시간", "2 d 19 h"],
    [30, "30초", "30 s"],
    [65, "1분 5초", "1 min 5 s"],
    [0, "0초", "0 s"],
    // 1 h 0 min 5 s shows "1시간": a zero unit after the first ends the text
    [3_605, "1시간", "1 h"],
  ])("%d s", (sec, ko, en) => {
    expect(formatDuration(sec, "ko")).toBe(ko);
    expect(formatDuration(sec, "en")).toBe(en);
  });
});

describe("percent truncates, never rounds up to 100%", () => {
  it.each([
    // 1 − 81/720 = 0.8875
    [1 - 81 / 720, "88.75%"],
    [0.99999, "99.99%"],
    [1, "100.00%"],
    [0, "0.00%"],
    // 0.995 must stay 99.50% despite binary floating point
    [0.995, "99.50%"],
  ])("%f → %s", (r, s) => expect(formatPercent(r)).toBe(s));
});

describe("lead times in whole hours and minutes", () => {
  it.each([
    // 72.99 h = 72 h + 0.99 × 60 min = 72 h 59.4 min → 72 h 59 min (minutes truncated)
    [72.99 * 3_600, "72시간 59분", "72 h 59 min"],
    // exactly the 72 h notice period: no minutes shown
    [72 * 3_600, "72시간", "72 h"],
    // 0.98 h = 58.8 min → 58 min
    [0.98 * 3_600, "58분", "58 min"],
    [90 * 60, "1시간 30분", "1 h 30 min"],
    [0, "0분", "0 min"],
  ])("%d s → %s / %s", (sec, ko, en) => {
    expect(formatHoursMinutes(sec, "ko")).toBe(ko);
    expect(formatHoursMinutes(sec, "en")).toBe(en);
  });
});

describe("durations to the second, for figures held against a limit", () => {
  it.each([
    // 24 h 30 s is more than 24 h: two units ("1일") would hide why
    [86_430, "1일 30초", "1 d 30 s"],
    // 81 h = 3 d 9 h; 3 d 9 h 5 min 7 s keeps every unit
    [291_600, "3일 9시간", "3 d 9 h"],
    [291_907, "3일 9시간 5분 7초", "3 d 9 h 5 min 7 s"],
    [0, "0초", "0 s"],
  ])("%d s → %s / %s", (sec, ko, en) => {
    expect(formatDurationExact(sec, "ko")).toBe(ko);
    expect(formatDurationExact(sec, "en")).toBe(en);
  });
});
