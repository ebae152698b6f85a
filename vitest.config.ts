import { defineConfig } from "vitest/config";

// Unit, repository, service and server tests. End-to-end browser tests have their own config
// (vitest.e2e.config.ts) because they need a built web app and Chromium.
export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
