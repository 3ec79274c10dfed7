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
    include: ["lib/**/*.test.ts", "bin/**/*.test.ts", "bench/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
