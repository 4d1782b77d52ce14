/** Writes docs/config.schema.json (for editors) from the one zod schema. `npm run schema:json`. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { configJsonSchema } from "@/core/config/json-schema";

const out = path.resolve(import.meta.dirname, "../docs/config.schema.json");
writeFileSync(out, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
