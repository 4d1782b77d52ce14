import { describe, expect, it } from "vitest";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";

/** services[].provenance: what the results are when the ledger did not measure them, with sources. */
const service = (provenance?: unknown) => ({
  services: [
    {
      slug: "svc",
      name: "서비스",
      nameEn: "Service",
      operator: "운영사",
      operatorEn: "Operator",
      functions: [{ key: "topup", name: "충전", nameEn: "Top-up" }],
      ...(provenance === undefined ? {} : { provenance }),
    },
  ],
});
const article = { title: "기사", date: "2022-04-04" };

describe("services[].provenance", () => {
  it.each<[string, unknown, { provenance: string; provenanceSources: unknown[] }]>([
    ["absent: measured by the ledger", undefined, { provenance: "MEASURED", provenanceSources: [] }],
    ["reconstructed, with its article", { kind: "reconstructed", sources: [article] }, { provenance: "RECONSTRUCTED", provenanceSources: [article] }],
    [
      "reported, with a URL",
      { kind: "reported", sources: [{ title: "운영사 로그", url: "https://example.org/log" }] },
      {
        provenance: "REPORTED",
        provenanceSources: [{ title: "운영사 로그", url: "https://example.org/log" }],
      },
    ],
    ["measured, said outright", { kind: "measured" }, { provenance: "MEASURED", provenanceSources: [] }],
  ])("%s", (_, provenance, expected) => {
    const { config, issues } = resolveConfig([{ file: "t.yaml", data: configFileSchema.parse(service(provenance)) }]);
    expect(issues).toEqual([]);
    expect(config.services[0]!.provenance).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ["reconstructed without a source", { kind: "reconstructed" }, "reconstructed or reported results need at least one source"],
    ["an unknown kind", { kind: "guessed", sources: [article] }, "Invalid option"],
    ["a date that is not a calendar date", { kind: "reconstructed", sources: [{ title: "기사", date: "April 4" }] }, ""],
  ])("rejects %s", (_, provenance, message) => {
    const r = configFileSchema.safeParse(service(provenance));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join("; ")).toContain(message);
  });
});
