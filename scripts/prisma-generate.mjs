#!/usr/bin/env node
// Writes one Prisma schema per database from prisma/models.prisma and generates
// both clients. Runs on `npm ci` (postinstall) and whenever the models change.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { TARGETS, schemaFor } from "./prisma-schemas.mjs";

const root = path.resolve(import.meta.dirname, "..");
const models = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");

for (const provider of TARGETS) {
  mkdirSync(path.join(root, "prisma", provider), { recursive: true });
  writeFileSync(path.join(root, "prisma", provider, "schema.prisma"), schemaFor(provider, models));
}

if (!process.argv.includes("--write-only")) {
  for (const provider of TARGETS) {
    execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", `prisma/${provider}/schema.prisma`], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: provider === "sqlite" ? "file:./unused.db" : "postgresql://unused@127.0.0.1/unused",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
  }
}
