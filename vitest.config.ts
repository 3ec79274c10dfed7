import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // the app's own import prefix (tsconfig paths), for tests that load server actions
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` },
      // tests load server modules as the server does: the marker only keeps them out of the browser's bundle (lib/server-only.test.ts)
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["lib/**/*.test.ts", "bin/**/*.test.ts", "bench/**/*.test.ts", "test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      // components render in a simulated browser, beside the components they test
      { extends: true, test: { name: "components", include: ["components/**/*.test.tsx"], environment: "jsdom", setupFiles: ["test/components-setup.ts"] } },
    ],
  },
});
