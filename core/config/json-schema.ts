import { z } from "zod";
import { configFileSchema } from "./schema";

/** The configuration's JSON Schema, as editors see the YAML (input side: durations are strings). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configFileSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }),
    title: "Uptime Ledger configuration",
  };
}
