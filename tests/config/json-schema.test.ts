import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { configJsonSchema } from "@/core/config/json-schema";

it("docs/config.schema.json is up to date (regenerate with npm run schema:json)", () => {
  expect(JSON.parse(readFileSync("docs/config.schema.json", "utf8"))).toEqual(configJsonSchema());
});
