/** The per-database Prisma schemas, written from prisma/models.prisma (see docs/database.md). */
export const TARGETS = ["sqlite", "postgresql"];

export function schemaFor(provider, models) {
  return `// GENERATED from prisma/models.prisma by scripts/prisma-generate.mjs. Do not edit.
generator client {
  provider   = "prisma-client"
  output     = "../generated/${provider}"
  engineType = "client"
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

${models}`;
}
