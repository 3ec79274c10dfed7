import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodeTests } from "../../lib/sandbox/code-tests";

// Hostile solutions through the path the judge uses (runCodeTests): each
// attack is contained (nothing outside the sandbox changes) and reported (the
// test fails with the reason, or the run carries the limit it hit). The vm the
// tests run in is not the boundary: every attack first escapes it to the
// sandbox process's own `process`, as real hostile code would.

const ESCAPE = `const P = assert.constructor.constructor("return process")(); const req = P.mainModule.require.bind(P.mainModule);`;
const attack = (name: string, body: string) => ({ name, code: `${ESCAPE}\n${body}` });
const DENIED = /ERR_ACCESS_DENIED|Access to this API has been restricted|requires full fs.read and fs.write permissions|not allowed in the sandbox/;

describe("the code sandbox under attack", () => {
  let dir: string;
  let server: net.Server;
  let port = 0;
  let connections = 0;
  let bystander: ChildProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-attack-"));
    server = net.createServer((s) => {
      connections++;
      s.end("hello");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as net.AddressInfo).port;
    // a process outside the sandbox that hostile code will try to kill
    bystander = spawn("/bin/sleep", ["300"], { stdio: "ignore" });
  });

  afterAll(() => {
    bystander.kill("SIGKILL");
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the escape used below really reaches the sandbox process", async () => {
    const r = await runCodeTests({ code: "", tests: [attack("pid", "assert.ok(P.pid > 0 && P.pid !== " + process.pid + ");")] });
    expect(r.tests[0]).toMatchObject({ passed: true });
  });

  it("reading and writing files outside its folder are refused and reported", async () => {
    const outside = path.join(dir, "written-from-sandbox.txt");
    const r = await runCodeTests({
      code: "",
      tests: [
        attack("read /etc/passwd", `req("fs").readFileSync("/etc/passwd", "utf8");`),
        attack("read the project", `req("fs").readFileSync(${JSON.stringify(path.resolve("package.json"))}, "utf8");`),
        attack("write outside", `req("fs").writeFileSync(${JSON.stringify(outside)}, "pwned");`),
        attack("write its own folder", `req("fs").writeFileSync(P.cwd() + "/x.txt", "x");`),
        attack("symlink out", `req("fs").symlinkSync("/etc", P.cwd() + "/etc");`),
      ],
    });
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["read /etc/passwd", false],
      ["read the project", false],
      ["write outside", false],
      ["write its own folder", false],
      ["symlink out", false],
    ]);
    for (const t of r.tests) expect(t.message, t.name).toMatch(DENIED);
    expect(existsSync(outside)).toBe(false);
  });

  it("opening sockets is refused and reported, and nothing connects", async () => {
    const r = await runCodeTests({
      code: "",
      tests: [
        attack("tcp", `req("net").connect(${port}, "127.0.0.1");`),
        attack("http", `req("http").get("http://127.0.0.1:${port}/");`),
        attack("fetch", `await assert.constructor.constructor("return fetch")()("http://127.0.0.1:${port}/");`),
        attack("listen", `req("net").createServer().listen(0);`),
        attack("udp", `req("dgram").createSocket("udp4").send("x", ${port}, "127.0.0.1");`),
      ],
    });
    for (const t of r.tests) {
      expect(t.passed, t.name).toBe(false);
      expect(t.message, t.name).toMatch(DENIED);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections).toBe(0);
    expect(["namespace", "guard"]).toContain(r.run.network);
  });

  it("spawning processes, workers and a fork bomb are refused and reported", async () => {
    const marker = path.join(dir, "spawned.txt");
    const r = await runCodeTests({
      code: "",
      tests: [
        attack("exec", `req("child_process").execSync("touch ${marker}");`),
        attack("fork bomb", `for (let i = 0; i < 1000; i++) req("child_process").fork(P.argv[1]);`),
        attack("shell fork bomb", `req("child_process").spawnSync("/bin/sh", ["-c", ":(){ :|:& };:"]);`),
        attack("worker bomb", `const { Worker } = req("worker_threads"); for (let i = 0; i < 1000; i++) new Worker("for(;;){}", { eval: true });`),
        attack("execve", `P.execve("/bin/sh", ["/bin/sh", "-c", "touch ${marker}"], {});`),
      ],
    });
    for (const t of r.tests) {
      expect(t.passed, t.name).toBe(false);
      expect(t.message, t.name).toMatch(DENIED);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it("signals to processes outside the sandbox are refused and reported: the studio cannot be killed", async () => {
    const r = await runCodeTests({
      code: "",
      tests: [
        attack("kill a bystander", `P.kill(${bystander.pid}, "SIGKILL");`),
        attack("probe the parent", `P.kill(P.ppid, 0);`),
        attack("raw kill binding", `P._kill(${bystander.pid}, 9);`),
        attack("open the parent's inspector", `P._debugProcess(P.ppid);`),
        attack("renice the parent", `req("os").setPriority(P.ppid, 19);`),
        attack("signal itself", `assert.strictEqual(P.kill(P.pid, 0), true);`),
      ],
    });
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false, false, false, true]);
    for (const t of r.tests.slice(0, 5)) expect(t.message, t.name).toMatch(DENIED);
    expect(bystander.exitCode).toBeNull();
    expect(bystander.signalCode).toBeNull();
    expect(() => process.kill(bystander.pid!, 0)).not.toThrow();
  });

  it("an infinite loop that escapes the per-test timeout is killed at the wall-clock limit and reported", async () => {
    const r = await runCodeTests({
      code: "",
      tests: [{ name: "spins outside the vm timeout", code: "Promise.resolve().then(() => { for (;;) {} }); await new Promise(() => {});" }, { name: "never reached", code: "assert.ok(true);" }],
      limits: { wallMs: 1_500, cpuSeconds: 30 },
      testTimeoutMs: 500,
    });
    expect(r.run.timedOut).toBe(true);
    expect(r.error).toMatch(/timed out after \d+ ms/);
    expect(r.tests.map((t) => t.passed)).toEqual([false, false]);
  });

  it("a busy loop is stopped by the CPU-time limit and reported", async () => {
    const r = await runCodeTests({ code: "", tests: [{ name: "busy", code: "Promise.resolve().then(() => { for (;;) {} });" }], limits: { wallMs: 30_000, cpuSeconds: 1 } });
    expect(r.run.cpuLimitHit).toBe(true);
    expect(r.error).toBe("exceeded the CPU time limit");
  });

  it("heap and off-heap memory bombs are stopped and reported", async () => {
    const heap = await runCodeTests({
      code: "",
      tests: [{ name: "heap", code: "const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));" }],
      limits: { memoryMb: 64, wallMs: 20_000 },
      testTimeoutMs: 15_000,
    });
    expect(heap.tests[0].passed).toBe(false);
    expect(heap.error).toMatch(/memory/);

    const offHeap = await runCodeTests({
      code: "",
      tests: [attack("buffers", `const keep = []; for (let i = 0; i < 400; i++) keep.push(P.mainModule.require("buffer").Buffer.alloc(20e6, 1)); assert.fail("allocated " + keep.length * 20 + " MB");`)],
      limits: { memoryMb: 64, wallMs: 20_000 },
      testTimeoutMs: 15_000,
    });
    expect(offHeap.tests[0].passed).toBe(false);
    // refused by the data limit (an allocation error) or killed by the watchdog (the run's reason)
    expect(offHeap.error ?? offHeap.tests[0].message).toMatch(/memory|Array buffer allocation failed|Cannot create a Buffer|allocation/i);
    expect(offHeap.tests[0].message).not.toMatch(/allocated \d+ MB/);
  });

  it("a flood of output is cut off and reported", async () => {
    const r = await runCodeTests({ code: "", tests: [attack("flood", `for (;;) P.stdout.write("x".repeat(4096));`)], limits: { outputBytes: 8192 } });
    expect(r.run.outputExceeded).toBe(true);
    expect(r.error).toBe("printed more output than allowed");
  });

  it("after all of it the studio process is still here and still works", async () => {
    const r = await runCodeTests({ code: "function add(a, b) { return a + b; }", tests: ["assert.strictEqual(add(2, 2), 4);"] });
    expect(r).toMatchObject({ passed: 1, total: 1 });
  });
});
