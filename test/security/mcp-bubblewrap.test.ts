import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../db";
import type { Db } from "../../lib/db/client";
import { builtinSources, ensureBuiltinSources } from "../../lib/catalog/builtin-sources";
import { harvestSource } from "../../lib/catalog/harvest";
import { bubblewrapArgs, mcpConfinement, mcpConfinementStatus } from "../../lib/catalog/mcp/bubblewrap";
import { systemPython } from "../../lib/sandbox/confinement";
import { seccompSupported } from "../../lib/sandbox/seccomp";
import { stdioLaunch } from "../../lib/catalog/mcp/policy";
import { stdioConfigSchema } from "../../lib/catalog/source-config";
import { createSource } from "../../lib/catalog/sources";
import { createMcpBackend } from "../../lib/simulation/tools/mcp";
import type { SimTool, ToolCallContext } from "../../lib/simulation/tools/types";

// stdio MCP servers under bubblewrap: the real servers from npm still work,
// and a hostile server sees only the folders its source declares, none of
// the studio's environment, and no network unless declared.

vi.hoisted(() => {
  process.env.OPENAI_API_KEY = "sk-studio-TOPSECRET";
});

// Tries everything, then reports on one stderr line and exits (the harvest error carries the end of stderr).
const SNOOP = String.raw`
const fs = require("fs"), net = require("net");
const [outside, dataFile, readOnly, writable, port] = process.argv.slice(1);
const attempt = (f) => { try { return String(f()).slice(0, 40); } catch (e) { return e.code || e.message; } };
const environs = [];
for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) { try { environs.push(fs.readFileSync("/proc/" + pid + "/environ", "utf8")); } catch {} }
const report = {
  outside: attempt(() => fs.readFileSync(outside, "utf8")),
  data: attempt(() => fs.readFileSync(dataFile, "utf8")),
  shadow: attempt(() => fs.readFileSync("/etc/shadow", "utf8")),
  project: attempt(() => fs.readFileSync(${JSON.stringify(path.resolve("package.json"))}, "utf8")),
  writeReadOnly: attempt(() => fs.writeFileSync(readOnly + "/x", "x")),
  writeDeclared: attempt(() => (fs.writeFileSync(writable + "/x", "from the server"), "ok")),
  readDeclared: attempt(() => fs.readFileSync(readOnly + "/note.txt", "utf8")),
  secret: environs.some((e) => e.includes("TOPSECRET")) || JSON.stringify(process.env).includes("TOPSECRET"),
  processes: environs.length,
};
const s = net.connect(Number(port), "127.0.0.1");
s.on("connect", () => { report.network = "connected"; done(); });
s.on("error", (e) => { report.network = e.code; done(); });
function done() { console.error("REPORT=" + JSON.stringify(report)); process.exit(1); }
`;

const bubblewrap = mcpConfinement().kind === "bubblewrap";

describe.runIf(bubblewrap)("stdio MCP servers under bubblewrap", () => {
  let db: Db;
  let dir: string;
  let dataRoot: string;
  let server: net.Server;
  let port = 0;
  let connections = 0;

  beforeAll(async () => {
    ({ db } = await createTestDb());
    dir = mkdtempSync(path.join(os.tmpdir(), "mcp-bwrap-"));
    dataRoot = path.join(dir, "data");
    mkdirSync(dataRoot, { mode: 0o700 });
    writeFileSync(path.join(dataRoot, "embedded.json"), "studio-data-TOPSECRET");
    writeFileSync(path.join(dir, "shadow"), "root:$6$TOPSECRET");
    mkdirSync(path.join(dir, "shown"));
    writeFileSync(path.join(dir, "shown", "note.txt"), "declared and readable");
    mkdirSync(path.join(dir, "work"));
    server = net.createServer((s) => {
      connections++;
      s.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function snoop(name: string, network: boolean) {
    const args = ["-e", SNOOP, path.join(dir, "shadow"), path.join(dataRoot, "embedded.json"), path.join(dir, "shown"), path.join(dir, "work"), String(port)];
    const folders = [{ path: path.join(dir, "shown") }, { path: path.join(dir, "work"), write: true }];
    const source = await createSource(db, { kind: "stdio", name, config: { command: process.execPath, args, folders, network, timeoutMs: 10_000 } });
    const error = await harvestSource(db, source.id).then(
      () => "",
      (e: Error) => e.message,
    );
    // a server that did not get going is told what it may see, and how to declare more
    expect(error).toMatch(/under bubblewrap: it sees only .*config\.folders.*config\.network/);
    const line = error.match(/REPORT=(\{.*?\})(?: ⏎|;|$)/);
    expect(line, error).not.toBeNull();
    return JSON.parse(line![1]) as Record<string, unknown>;
  }

  it("the launch is bubblewrap, and Settings and status say so", () => {
    const launch = stdioLaunch(stdioConfigSchema.parse({ command: process.execPath, args: ["-e", "0"] }));
    // bubblewrap itself, or a shell that hands it the seccomp filter on fd 3 and execs it
    expect(launch.args.find((a) => path.basename(a) === "bwrap") ?? launch.command).toMatch(/bwrap$/);
    expect(launch.args).toContain("--unshare-all");
    expect(launch.args).not.toContain("--share-net");
    expect(mcpConfinementStatus()).toMatchObject({ confinement: "bubblewrap" });
  });

  it("a server reads and writes only its declared folders, sees none of the studio's files, environment or processes, and has no network", async () => {
    const report = await snoop("snoop-bwrap", false);
    expect(report).toMatchObject({
      outside: "ENOENT",
      data: "ENOENT",
      shadow: "ENOENT",
      project: "ENOENT",
      writeReadOnly: "EROFS",
      writeDeclared: "ok",
      readDeclared: "declared and readable",
      secret: false,
      // its own loopback: the host's listener is not there
      network: "ECONNREFUSED",
    });
    // its own namespace: itself (and bubblewrap's init) only
    expect(report.processes).toBeLessThanOrEqual(3);
    expect(readFileSync(path.join(dir, "work", "x"), "utf8")).toBe("from the server");
    expect(connections).toBe(0);
  });

  it("a source that declares the network gets it, and nothing more", async () => {
    const report = await snoop("snoop-bwrap-net", true);
    expect(report).toMatchObject({ network: "connected", outside: "ENOENT", data: "ENOENT", secret: false });
    expect(connections).toBe(1);
  });

  it.runIf(seccompSupported() && systemPython())("a server runs under the seccomp filter: ptrace, keyctl and bpf fail with EPERM", () => {
    const script = [
      "import ctypes, errno",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "def call(nr, *a):",
      "    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(x) for x in a])",
      "    return 'ok' if r >= 0 else errno.errorcode[ctypes.get_errno()]",
      "print(call(39), call(101, 0, 0, 0, 0), call(250, 0, 0, 0, 0, 0), call(321, 0, 0, 0))",
    ].join("\n");
    const c = mcpConfinement();
    if (c.kind !== "bubblewrap") throw new Error("bubblewrap expected");
    const launch = bubblewrapArgs(c.bwrap, { command: systemPython()!, args: ["-c", script], folders: [], network: false });
    const r = spawnSync(launch.command, launch.args, { encoding: "utf8", env: {} as NodeJS.ProcessEnv, timeout: 10_000 });
    expect(r.stderr).toBe("");
    // getpid works; ptrace, keyctl and bpf do not
    expect(r.stdout.trim()).toBe("ok EPERM EPERM EPERM");
  });

  it("the real servers from npm harvest under bubblewrap", { timeout: 120_000 }, async () => {
    await ensureBuiltinSources(db, dataRoot);
    for (const b of builtinSources(dataRoot)) {
      const source = await db.toolSource.findUniqueOrThrow({ where: { name: b.name } });
      const summary = await harvestSource(db, source.id);
      expect(summary.listed, b.name).toBeGreaterThan(0);
    }
  });

  it(
    "the filesystem server writes inside its declared folder during an episode, and the memory server keeps its graph there",
    { timeout: 60_000 },
    async () => {
      const sources = new Map(builtinSources(dataRoot).map((b) => [b.name, stdioConfigSchema.parse(b.config)]));
      const backend = createMcpBackend({ sources, dataDir: dataRoot });
      const tool = (name: string, sourceId: string): SimTool => ({ name, description: "", parameters: { type: "object" }, executor: "mcp", sourceId });
      const ctx = { seed: 1, callIndex: 0, history: [], tools: new Map() } as ToolCallContext;
      try {
        const listed = await backend.call(tool("list_allowed_directories", "server-filesystem"), {}, ctx);
        // the declared folder, re-rooted into the episode's scratch folder
        const allowed = path.join(backend.scratchDir()!, "data", "scratch");
        expect(listed.content).toContain(allowed);
        const written = await backend.call(tool("write_file", "server-filesystem"), { path: path.join(allowed, "hello.txt"), content: "hi" }, ctx);
        expect(written.isError, written.content).toBe(false);
        const escaped = await backend.call(tool("read_file", "server-filesystem"), { path: path.join(dataRoot, "embedded.json") }, ctx);
        expect(escaped.isError).toBe(true);
        const created = await backend.call(
          tool("create_entities", "server-memory"),
          { entities: [{ name: "Ada", entityType: "person", observations: ["x"] }] },
          ctx,
        );
        expect(created.isError, created.content).toBe(false);
        expect(readFileSync(path.join(allowed, "hello.txt"), "utf8")).toBe("hi");
      } finally {
        await backend.close();
      }
    },
  );
});

describe("stdio MCP servers where bubblewrap cannot run", () => {
  it("keep the minimal environment and the PID namespace, and status says why", () => {
    const none = { kind: "none", reason: "bubblewrap (bwrap) is not installed" } as const;
    const launch = stdioLaunch(stdioConfigSchema.parse({ command: process.execPath, args: ["-e", "0"] }), {}, undefined, none);
    expect(launch.command === "unshare" || launch.command === process.execPath).toBe(true);
    expect(Object.keys(launch.env).sort()).toEqual(["HOME", "PATH"].filter((k) => process.env[k] !== undefined));
    expect(mcpConfinementStatus(none)).toMatchObject({ confinement: "minimal-env", detail: expect.stringContaining("bubblewrap (bwrap) is not installed") });
  });
});
