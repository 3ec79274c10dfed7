import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser } from "../../lib/auth/users";
import { Prisma } from "../../lib/db/client";
import { runProgress } from "../../lib/jobs/progress";
import { executeRun } from "../../lib/jobs/worker";
import { stages } from "../../lib/pipeline";
import { publicRoleConfigs, readRoleOverrides, saveRoleOverrides } from "../../lib/llm/config";
import { startOpenAiTestServer, type OpenAiTestServer } from "../../lib/llm/testing/openai-server";
import { createTestDb, type TestDb } from "../db";

// What pages and route handlers hand to the browser never holds an API key or
// a password hash. The keys come from the environment, as in production: set
// before lib/env is first imported (this file runs in a process of its own).

const KEYS = vi.hoisted(() => {
  const keys = { global: "sk-global-TOPSECRET-4d1f0a9b7c2e", embedding: "sk-embed-TOPSECRET-93be7a10c4d2" };
  process.env.OPENAI_API_KEY = keys.global;
  return keys;
});
const ROOT = path.resolve(import.meta.dirname, "../..");
const HASH = /[0-9a-f]{32}:[0-9a-f]{128}/; // better-auth's scrypt format: hex salt, colon, hex key

function expectNoSecret(seen: string) {
  expect(seen).not.toContain(KEYS.global);
  expect(seen).not.toContain(KEYS.embedding);
  expect(seen).not.toMatch(/sk-[a-z]+-TOPSECRET/);
  expect(seen).not.toMatch(HASH);
}

describe("secrets stay on the server", () => {
  let t: TestDb;
  let server: OpenAiTestServer;

  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
    // roleEnv is read on every call: the embedding role talks to the local server with a key of its own
    process.env.STUDIO_EMBEDDING_BASE_URL = server.url;
    process.env.STUDIO_EMBEDDING_API_KEY = KEYS.embedding;
    const user = await createUser(t.db, { name: "Pat", email: "pat@x.io", password: "pat-password" }, "admin");
    if (!user.ok) throw new Error(user.error);
  });
  afterAll(async () => {
    delete process.env.STUDIO_EMBEDDING_BASE_URL;
    delete process.env.STUDIO_EMBEDDING_API_KEY;
    await server.close();
  });

  it("the settings the Settings page shows say a key is set and never carry it", async () => {
    const roles = await publicRoleConfigs(t.db);
    expect(roles.generator).toMatchObject({ provider: "openai", hasApiKey: true });
    expect(roles.embedding).toMatchObject({ provider: "openai", baseUrl: server.url, hasApiKey: true });
    expect(Object.values(roles).every((r) => !("apiKey" in r))).toBe(true);
    expectNoSecret(JSON.stringify(roles));
  });

  it("a key cannot be smuggled into the saved settings", async () => {
    const saved = await saveRoleOverrides(t.db, { judge: { model: "m", apiKey: "sk-smuggled-TOPSECRET-1" } });
    expect(saved.ok).toBe(false);
    expect(await readRoleOverrides(t.db)).toEqual({});
    expect(JSON.stringify(await t.db.setting.findMany())).not.toContain("sk-smuggled");
  });

  it("an endpoint that echoes the key in its error: the key is sent, but no run, call record or runs API answer holds it", async () => {
    await t.db.tool.create({
      data: { origin: "real", key: "s/lookup", name: "lookup", description: "Looks up a record by name.", inputSchema: { type: "object" }, specHash: "h" },
    });
    server.script(...Array.from({ length: 10 }, () => ({ status: 401, message: `Incorrect API key provided: ${KEYS.embedding}` })));
    const run = await t.db.run.create({ data: { kind: "embed", config: {} } });
    await executeRun(t.db, run.id, { stages });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEYS.embedding}`);

    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    const seen = JSON.stringify({ api: runProgress(after), run: after, calls: await t.db.llmCall.findMany(), cache: await t.db.llmCacheEntry.findMany() });
    expect(seen).toContain("Incorrect API key provided"); // the failure itself is shown …
    expectNoSecret(seen); // … without the key
  });

  it("a user row holds no password: the hash lives on the account, which no page or component reads", async () => {
    expect(Object.keys(Prisma.UserScalarFieldEnum)).not.toContain("password");
    expectNoSecret(JSON.stringify(await t.db.user.findMany()));
    expect(JSON.stringify(await t.db.account.findMany())).toMatch(HASH); // the pattern does find a hash where there is one

    const readers = sourceFiles(["app", "components"]).filter((f) => /\.accounts?\b|\baccounts\s*:|\bpassword\s*:\s*true/.test(readFileSync(f, "utf8")));
    expect(readers.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

function sourceFiles(dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(name) ? [p] : [];
    });
  return dirs.flatMap((d) => walk(path.join(ROOT, d)));
}
