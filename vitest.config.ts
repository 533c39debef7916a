import { defineConfig } from "vitest/config";

// The same integration suite runs twice: on embedded PGlite and on a PostgreSQL server.
// *.pglite.test.ts and *.postgres.test.ts hold what only one of them can show.
const integration = ["src/**/*.test.ts", "test/flows/**/*.test.ts"];
const excludeOther = (db: string) => ["**/node_modules/**", `**/*.${db}.test.ts`];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "pglite", include: integration, exclude: excludeOther("postgres"), env: { TEST_DB: "pglite" }, setupFiles: ["test/support/ledger-hook.ts"] } },
      {
        extends: true,
        test: { name: "postgres", include: integration, exclude: excludeOther("pglite"), env: { TEST_DB: "postgres" }, globalSetup: ["test/support/postgres-setup.ts"], setupFiles: ["test/support/ledger-hook.ts"] },
      },
      {
        extends: true,
        test: {
          name: "browser", include: ["test/browser/**/*.test.ts"], globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false,
        },
      },
    ],
  },
});
