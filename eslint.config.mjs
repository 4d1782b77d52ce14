import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "data/**", "prisma/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextVitals,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      // Only lib/env.ts may read the environment (docs/architecture.md, Invariants).
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through lib/env.ts" }],
    },
  },
  {
    files: ["lib/env.ts", "prisma.config.ts", "scripts/**", "bin/**", "tests/**", "bench/**", "playwright.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The accounting core is pure: no database, framework or network.
    files: ["core/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ["@prisma/*", "next", "next/*", "undici", "node:http", "node:https", "node:net", "node:fs", "node:dns", "@/lib/*", "@/probes/*", "@/app/*"],
        },
      ],
    },
  },
);
