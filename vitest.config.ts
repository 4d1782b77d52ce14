import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // a guard against hangs, not a speed target: child processes (the CLI, the stack) start slowly on a busy 2-core machine
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
