import { defineConfig } from "vitest/config";

/**
 * Two projects run the same database tests: on embedded PGlite always, and on the real Postgres
 * server named by TEST_DATABASE_URL when it is set. Pure unit tests (`*.unit.test.ts`, beside the
 * database tests of their capability, and test/browser) run once.
 */
const realServer = process.env.TEST_DATABASE_URL;

const shared = {
  globalSetup: ["./test/support/build-browser.ts", "./test/support/global-setup.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    reporters: ["default"],
    pool: "forks",
    // isolate: false — test files share their worker's module cache, so the app graph (eld's
    // language tables, PGlite, drizzle) is imported once per worker instead of once per file:
    // the suite takes about half the time. Every file still opens its own database, app and deps
    // (test/support/context.ts); no test mutates module state.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    projects: [
      {
        test: {
          ...shared,
          name: "pglite",
          include: ["test/**/*.test.ts"],
          env: { DEFLECT_TEST_BACKEND: "pglite" },
        },
      },
      ...(realServer
        ? [
            {
              test: {
                ...shared,
                name: "postgres",
                include: ["test/**/*.test.ts"],
                exclude: ["test/**/*.unit.test.ts", "test/e2e/**", "test/scripts/**", "test/browser/**"],
                env: { DEFLECT_TEST_BACKEND: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
