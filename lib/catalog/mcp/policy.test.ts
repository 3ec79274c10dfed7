import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../../../test/db";
import type { Db } from "../../db/client";
import { harvestSource } from "../harvest";
import { testSource } from "../source-actions";
import { createSource, listSources } from "../sources";
import { MASK } from "../source-secrets";
import { SourcePolicyError } from "./policy";

// What an MCP source may run and reach, with the studio's default settings
// (no STUDIO_MCP_COMMANDS, no STUDIO_MCP_ALLOW_PRIVATE). The studio's keys
// are in its environment, as in production.

vi.hoisted(() => {
  process.env.OPENAI_API_KEY = "sk-studio-TOPSECRET";
  process.env.BETTER_AUTH_SECRET = "auth-secret-TOPSECRET-0123456789";
  process.env.STUDIO_S3_ACCESS_KEY_ID = "AKIA-TOPSECRET";
  process.env.STUDIO_S3_SECRET_ACCESS_KEY = "s3-secret-TOPSECRET-0123456789";
  // the test database's address reaches tests by inject(), not the environment
  process.env.DATABASE_URL ??= "postgresql://studio:TOPSECRET@127.0.0.1:5432/studio";
});

const SECRETS = ["OPENAI_API_KEY", "DATABASE_URL", "BETTER_AUTH_SECRET", "STUDIO_S3_ACCESS_KEY_ID", "STUDIO_S3_SECRET_ACCESS_KEY"];

// Prints which of the studio's secrets it can find: in its own environment, in
// its parent's (the reproduction read /proc/$PPID/environ) or in any process
// it can see, then exits; the harvest error shows the end of its stderr.
const SNOOP = `
const fs = require("fs");
const names = new Set(Object.keys(process.env));
for (const pid of fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p)).concat(String(process.ppid))) {
  try { for (const line of fs.readFileSync("/proc/" + pid + "/environ", "utf8").split("\\0")) names.add(line.split("=")[0]); } catch {}
}
console.error("found=" + JSON.stringify(${JSON.stringify(SECRETS)}.filter((n) => names.has(n))) + " own=" + Object.keys(process.env).sort().join(","));
process.exit(1);
`;

describe("MCP source policy", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestDb());
  });

  it("a stdio server sees none of the studio's secrets, in its environment or any process's it can read, but does get what its source declares", async () => {
    expect(process.env.DATABASE_URL).toBeTruthy(); // this process started with it, as the studio does
    const source = await createSource(db, {
      kind: "stdio",
      name: "snoop",
      config: { command: process.execPath, args: ["-e", SNOOP], env: { DECLARED: "yes" }, timeoutMs: 5_000 },
    });
    const error = await harvestSource(db, source.id).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(error).toContain("found=[]");
    expect(error).toMatch(/own=[^ ]*DECLARED/);
    expect(error).toMatch(/own=[^ ]*PATH/);
    for (const name of SECRETS) expect(error).not.toContain(name);
  });

  it("a command outside the allowed list is refused when the source is added and when a stored one is started", async () => {
    await expect(createSource(db, { kind: "stdio", name: "shell", config: { command: "/bin/sh", args: ["-c", "env"] } })).rejects.toThrow(SourcePolicyError);
    await expect(createSource(db, { kind: "stdio", name: "shell", config: { command: "sh", args: [] } })).rejects.toThrow(
      /"sh" is not one a stdio source may run here \(allowed: npx, node, uvx, python3, docker/,
    );
    // stored before the rule, or by hand
    const stored = await db.toolSource.create({ data: { name: "stored-shell", kind: "stdio", config: { command: "/bin/sh", args: ["-c", "env"] } } });
    await expect(harvestSource(db, stored.id)).rejects.toThrow(/refused: the command "\/bin\/sh" is not one/);
    expect(await testSource(db, stored.id)).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
    // the allowed names and the built-in servers are accepted
    await expect(createSource(db, { kind: "stdio", name: "via-npx", config: { command: "npx", args: ["-y", "some-mcp-server"] } })).resolves.toMatchObject({
      name: "via-npx",
    });
    await expect(createSource(db, { kind: "stdio", name: "builtin-like", config: { package: "@modelcontextprotocol/server-memory" } })).resolves.toMatchObject({
      name: "builtin-like",
    });
  });

  it.each([
    ["loopback", "http://127.0.0.1:8080/mcp"],
    ["a name for loopback", "http://localhost:8080/mcp"],
    ["IPv6 loopback", "http://[::1]:8080/mcp"],
    ["the cloud metadata address (link-local)", "http://169.254.169.254/latest/meta-data"],
    ["a private network", "http://10.1.2.3/mcp"],
    ["a private network", "https://192.168.0.10/mcp"],
    ["IPv4 mapped in IPv6", "http://[::ffff:127.0.0.1]/mcp"],
  ])("an HTTP source on %s is refused: %s", async (_what, url) => {
    await expect(createSource(db, { kind: "http", name: `private-${Math.random().toString(36).slice(2, 8)}`, config: { url } })).rejects.toThrow(
      /loopback, link-local or private address.*STUDIO_MCP_ALLOW_PRIVATE=1/,
    );
  });

  it("a stored HTTP source on a private address is refused when harvested, without connecting", async () => {
    const stored = await db.toolSource.create({ data: { name: "stored-metadata", kind: "http", config: { url: "http://169.254.169.254/latest" } } });
    await expect(harvestSource(db, stored.id)).rejects.toThrow(/refused: 169\.254\.169\.254 is a loopback, link-local or private address/);
  });

  it("the setting lets private addresses through when asked", async () => {
    await expect(
      createSource(db, { kind: "http", name: "lab-server", config: { url: "http://10.1.2.3/mcp" } }, { commands: [], allowPrivate: true }),
    ).resolves.toMatchObject({ name: "lab-server" });
  });

  it("secrets in a source's URL, arguments, headers and env are masked for everyone but admins", async () => {
    const url = await createSource(db, {
      kind: "http",
      name: "token-url",
      config: { url: "https://93.184.215.14/mcp?token=tok-TOPSECRET&team=blue", headers: { Authorization: "Bearer hdr-TOPSECRET" } },
    });
    const args = await createSource(db, {
      kind: "stdio",
      name: "password-args",
      config: {
        command: "npx",
        args: ["-y", "db-mcp", "--password=pw-TOPSECRET", "--api-key", "key-TOPSECRET", "--host", "db.example"],
        env: { API_TOKEN: "env-TOPSECRET" },
      },
    });
    const masked = await listSources(db, { masked: true });
    const seen = JSON.stringify(masked.filter((s) => s.id === url.id || s.id === args.id));
    expect(seen).not.toContain("TOPSECRET");
    const byId = new Map(masked.map((s) => [s.id, s.config as Record<string, unknown>]));
    expect(byId.get(url.id)!.url).toBe(`https://93.184.215.14/mcp?token=${encodeURIComponent(MASK)}&team=blue`);
    expect(byId.get(args.id)!.args).toEqual(["-y", "db-mcp", `--password=${MASK}`, "--api-key", MASK, "--host", "db.example"]);
    // admins, and the server itself, get them as stored
    const full = JSON.stringify(await listSources(db));
    for (const secret of ["tok-TOPSECRET", "pw-TOPSECRET", "key-TOPSECRET", "hdr-TOPSECRET", "env-TOPSECRET"]) expect(full).toContain(secret);
  });
});
