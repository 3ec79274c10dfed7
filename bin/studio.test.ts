import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function studio(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stderr: r.stderr.trim(), stdout: r.stdout.trim() };
}

describe("the CLI's errors", () => {
  it("a port already in use is one clear line, not a stack trace", async () => {
    const server = net.createServer().listen(0);
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = studio(["start"], { PORT: String(port), DATABASE_URL: "" });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`error: Port ${port} is already in use: stop what is using it or set PORT to another port`);
    } finally {
      server.close();
    }
  });

  it("a malformed or unreachable DATABASE_URL is one clear line", () => {
    const bad = studio(["status"], { DATABASE_URL: "not a url" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: Invalid environment: DATABASE_URL: Invalid URL");

    const unreachable = studio(["status"], { DATABASE_URL: "postgresql://studio:x@127.0.0.1:1/studio" });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.split("\n")).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^error: Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/studio: ECONNREFUSED/);
  });

  it("an unknown command lists the commands there are", () => {
    const r = studio(["frobnicate"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stderr).toContain("migrate");
  });
});
