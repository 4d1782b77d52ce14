import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvField, csvRow, toCsv } from "@/core/csv";

describe("CSV fields (RFC 4180)", () => {
  it.each([
    ["plain text stays bare", "topup", "topup"],
    ["Hangul stays bare", "동백전 충전", "동백전 충전"],
    ["a comma is quoted", "a,b", '"a,b"'],
    ["a quote is doubled and quoted", 'say "hi"', '"say ""hi"""'],
    ["CR LF inside is quoted, kept", "line 1\r\nline 2", '"line 1\r\nline 2"'],
    ["a lone LF is quoted", "a\nb", '"a\nb"'],
    ["leading spaces are data, not quoted", "  x", "  x"],
    ["null is an empty field", null, ""],
    ["undefined is an empty field", undefined, ""],
    ["an empty string is an empty field", "", ""],
    ["integers as written", 14_196_000, "14196000"],
    ["fractions round-trip", 0.8875, "0.8875"],
    ["booleans as true/false", true, "true"],
    // Error messages come from the monitored service: text a spreadsheet would run gets an apostrophe.
    ["text starting with = is not run as a formula", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["text starting with + gets an apostrophe", "+82 10", "'+82 10"],
    ["text starting with - gets an apostrophe", "-1 won", "'-1 won"],
    ["text starting with @ gets an apostrophe", "@SUM(A1)", "'@SUM(A1)"],
    ["text starting with a tab gets an apostrophe", "\tx", "'\tx"],
    ["a negative number stays a number", -5, "-5"],
    ["= inside text is left alone", "a=b", "a=b"],
  ])("%s", (_name, value, expected) => expect(csvField(value)).toBe(expected));

  it("a record ends with CRLF", () => expect(csvRow(["a", 1, null])).toBe("a,1,\r\n"));
});

describe("documents", () => {
  const rows = [
    { id: 1, name: "충전, 결제", note: 'he said "down"\r\nat 09:00', n: null },
    { id: 2, name: "plain", note: "", n: 0.5 },
  ];
  const cols = [
    { header: "id", value: (r: (typeof rows)[number]) => r.id },
    { header: "name", value: (r: (typeof rows)[number]) => r.name },
    { header: "note", value: (r: (typeof rows)[number]) => r.note },
    { header: "n", value: (r: (typeof rows)[number]) => r.n },
  ];

  it("start with a BOM and a header, and parse back to the same values", () => {
    const text = toCsv(cols, rows);
    expect(text.startsWith("\uFEFFid,name,note,n\r\n")).toBe(true);
    const back = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(back).toEqual([
      { id: "1", name: "충전, 결제", note: 'he said "down"\r\nat 09:00', n: "" },
      { id: "2", name: "plain", note: "", n: "0.5" },
    ]);
  });

  it("with no rows are the header alone", () => expect(toCsv(cols, [])).toBe("\uFEFFid,name,note,n\r\n"));
});

describe("Content-Disposition", () => {
  it("ASCII names as they are", () =>
    expect(attachmentDisposition("dongbaekjeon-sla-2022-04.csv")).toBe(
      `attachment; filename="dongbaekjeon-sla-2022-04.csv"; filename*=UTF-8''dongbaekjeon-sla-2022-04.csv`,
    ));
  it("other names: an ASCII fallback and the exact name in filename*", () =>
    expect(attachmentDisposition('동백전 "a".csv')).toBe(`attachment; filename="___ _a_.csv"; filename*=UTF-8''%EB%8F%99%EB%B0%B1%EC%A0%84%20%22a%22.csv`));
});
