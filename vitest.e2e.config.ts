import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/web/e2e/**/*.e2e.ts"],
    environment: "node",
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
