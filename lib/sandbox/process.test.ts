import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInSandbox } from "./process";

// Each program reports what happened to each attempt on fd 3, so a test sees
// both that the attempt failed and how.
const attempt = (label: string, body: string) => `
try { ${body}; require("fs").writeSync(3, ${JSON.stringify(label)} + ": ALLOWED\\n"); }
catch (e) { require("fs").writeSync(3, ${JSON.stringify(label)} + ": " + (e.code || e.message) + "\\n"); }`;

const run = (program: string, limits = {}) => runInSandbox({ files: { "main.cjs": program }, entry: "main.cjs", limits });

describe("sandbox: escapes are contained", () => {
  let dir: string;
  let server: net.Server;
  let port = 0;
  let unixPath = "";
  let connections = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-test-"));
    unixPath = path.join(dir, "s.sock");
    server = net.createServer((s) => {
      connections++;
      s.end("hello");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as net.AddressInfo).port;
    const unixServer = net.createServer(() => connections++);
    await new Promise<void>((r) => unixServer.listen(unixPath, () => r()));
    afterAll(() => {
      unixServer.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });

  it("runs a plain program and returns its output", async () => {
    const r = await run(`console.log("hi"); require("fs").writeSync(3, "result\\n");`);
    expect(r).toMatchObject({ exitCode: 0, stdout: "hi\n", channel: "result\n", timedOut: false, memoryExceeded: false });
  });

  it("cannot read or write files outside its scratch folder, nor see the environment", async () => {
    const target = path.join(dir, "escaped.txt");
    const r = await run(
      [
        attempt("write", `require("fs").writeFileSync(${JSON.stringify(target)}, "x")`),
        attempt("write-own-folder", `require("fs").writeFileSync(__dirname + "/x", "x")`),
        attempt("read", `require("fs").readFileSync("/etc/passwd")`),
        attempt("read-project", `require("fs").readFileSync(${JSON.stringify(path.resolve("package.json"))})`),
        `require("fs").writeSync(3, "env: " + JSON.stringify(Object.keys(process.env)) + "\\n");`,
      ].join("\n"),
    );
    expect(r.channel).toContain("write: ERR_ACCESS_DENIED");
    expect(r.channel).toContain("write-own-folder: ERR_ACCESS_DENIED");
    expect(r.channel).toContain("read: ERR_ACCESS_DENIED");
    // a project checked out under /tmp is absent from the sandbox's own /tmp rather than denied
    expect(r.channel).toMatch(/read-project: (ERR_ACCESS_DENIED|ENOENT)/);
    // only what /bin/sh itself sets (PWD); nothing of the studio's environment
    const envKeys = JSON.parse(r.channel.match(/env: (.*)/)![1]) as string[];
    expect(envKeys.filter((k) => !["PWD", "SHLVL", "_", "OLDPWD"].includes(k))).toEqual([]);
    expect(existsSync(target)).toBe(false);
  });

  it("cannot spawn processes, start workers or load native addons", async () => {
    const marker = path.join(dir, "spawned.txt");
    const r = await run(
      [
        attempt("exec", `require("child_process").execSync("touch ${marker}")`),
        attempt("spawn", `require("child_process").spawn("/bin/sh", ["-c", "touch ${marker}"])`),
        attempt("worker", `new (require("worker_threads").Worker)("1", { eval: true })`),
        attempt("binding", `process.binding("tcp_wrap")`),
      ].join("\n"),
    );
    for (const label of ["exec", "spawn", "worker", "binding"]) expect(r.channel).toContain(`${label}: ERR_ACCESS_DENIED`);
    expect(existsSync(marker)).toBe(false);
  });

  it("cannot open sockets: TCP, HTTP, fetch, UDP, DNS and Unix sockets all fail and nothing connects", async () => {
    const r = await run(
      [
        attempt("net", `require("net").connect(${port}, "127.0.0.1")`),
        attempt("socket", `new (require("net").Socket)().connect(${port}, "127.0.0.1")`),
        attempt("http", `require("http").get("http://127.0.0.1:${port}/")`),
        attempt("fetch", `fetch("http://127.0.0.1:${port}/")`),
        attempt("udp", `require("dgram").createSocket("udp4")`),
        attempt("dns", `require("dns").lookup("example.com", () => {})`),
        attempt("unix", `require("net").connect(${JSON.stringify(unixPath)})`),
        attempt("listen", `require("net").createServer().listen(0)`),
        `setTimeout(() => {}, 300);`,
      ].join("\n"),
    );
    for (const label of ["net", "socket", "http", "fetch", "udp", "dns", "unix", "listen"]) {
      expect(r.channel, label).toContain(`${label}: ERR_ACCESS_DENIED`);
    }
    expect(connections).toBe(0);
    expect(["namespace", "guard"]).toContain(r.network);
  });

  it("kills an infinite loop at the wall-clock limit", async () => {
    const r = await run("for (;;) {}", { wallMs: 800, cpuSeconds: 30 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(5_000);
  });

  it("kills a busy loop at the CPU-time limit", async () => {
    const r = await run("for (;;) {}", { wallMs: 20_000, cpuSeconds: 1 });
    expect(r.timedOut).toBe(false);
    expect(r.cpuLimitHit).toBe(true);
  });

  it("stops a heap memory bomb", async () => {
    const r = await run("const a = []; for (;;) a.push({ x: Math.random(), y: [1, 2, 3] });", { memoryMb: 64, wallMs: 20_000 });
    expect(r.memoryExceeded).toBe(true);
    expect(r.exitCode).not.toBe(0);
  });

  it("stops an off-heap (Buffer) memory bomb", async () => {
    const r = await run(
      `const a = []; try { for (let i = 0; i < 200; i++) a.push(Buffer.alloc(20e6, 1)); require("fs").writeSync(3, "ALLOWED " + a.length); } catch (e) { require("fs").writeSync(3, "refused after " + a.length); }`,
      { memoryMb: 64, wallMs: 20_000 },
    );
    expect(r.channel).not.toContain("ALLOWED");
    expect(r.channel.startsWith("refused") || r.memoryExceeded).toBe(true);
  });

  it("cuts off a program that floods its output", async () => {
    const r = await run(`for (;;) process.stdout.write("x".repeat(1000));`, { outputBytes: 4096 });
    expect(r.outputExceeded).toBe(true);
    expect(r.stdout.length).toBeLessThanOrEqual(4096);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const pending = runInSandbox({ files: { "main.cjs": "setInterval(() => {}, 1000)" }, entry: "main.cjs", signal: controller.signal });
    setTimeout(() => controller.abort(new Error("cancelled")), 200);
    await expect(pending).rejects.toThrow("cancelled");
  });
});
