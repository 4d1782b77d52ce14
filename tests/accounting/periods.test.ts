import { describe, expect, it } from "vitest";
import { formatMonth, parseMonth } from "@/core/accounting/periods";

describe("parseMonth", () => {
  it.each([
    ["2022-04", { year: 2022, month: 4 }],
    ["1999-12", { year: 1999, month: 12 }],
    // a year that is not four digits without leading zeros cannot be echoed back as given (0000-01 came back as "0-01")
    ["0000-01", null],
    ["0999-01", null],
    ["2022-00", null],
    ["2022-13", null],
    ["2022-4", null],
    ["22-04", null],
    ["2022-04-01", null],
    [" 2022-04", null],
  ] as const)("%s → %j", (text, month) => expect(parseMonth(text)).toEqual(month));

  it("what it accepts is echoed exactly", () => {
    for (const text of ["2022-04", "1000-01", "9999-12"]) expect(formatMonth(parseMonth(text)!)).toBe(text);
  });
});
