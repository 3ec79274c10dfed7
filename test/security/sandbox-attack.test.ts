import { spawn, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodeTests } from "../../lib/sandbox/code-tests";
import { seccompSupported } from "../../lib/sandbox/seccomp";

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
    // a project under /tmp is not even in the sandbox's view (its /tmp is a fresh tmpfs): not there, rather than denied
    for (const t of r.tests) expect(t.message, t.name).toMatch(t.name === "read the project" ? new RegExp(`${DENIED.source}|ENOENT`) : DENIED);
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

  it("listeners the network guard misses (net.Server._listen2) stay inside the sandbox's namespaces", async () => {
    const hostSocket = path.join(dir, "listened.sock");
    const listenPort = 40_000 + (process.pid % 20_000);
    const listen = (args: string) =>
      `const s = new (req("net").Server)(); await new Promise((resolve, reject) => { s.on("error", reject); s.on("listening", resolve); s._listen2(${args}); });`;
    const pending = runCodeTests({
      code: "",
      tests: [
        attack("unix socket at a host path", listen(`${JSON.stringify(hostSocket)}, -1, -1, 511`)),
        attack("tcp listener", `${listen(`"127.0.0.1", ${listenPort}, 4, 511`)} await new Promise((r) => setTimeout(r, 2500)); assert.fail("listened");`),
      ],
      testTimeoutMs: 5_000,
    });
    let reached = false;
    const until = Date.now() + 2_000;
    while (Date.now() < until && !reached) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      reached = await new Promise<boolean>((resolve) => {
        const s = net.connect(listenPort, "127.0.0.1", () => (s.destroy(), resolve(true)));
        s.on("error", () => resolve(false));
      });
    }
    const r = await pending;
    expect(r.run.confinement).toBe("bubblewrap");
    expect(r.tests[0].message).toMatch(/ENOENT|EACCES/);
    expect(existsSync(hostSocket)).toBe(false);
    // the listener was opened, in the sandbox's own network namespace, where the host cannot reach it
    expect(r.tests[1].message).toBe("listened");
    expect(reached).toBe(false);
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
      tests: [
        { name: "spins outside the vm timeout", code: "Promise.resolve().then(() => { for (;;) {} }); await new Promise(() => {});" },
        { name: "never reached", code: "assert.ok(true);" },
      ],
      limits: { wallMs: 1_500, cpuSeconds: 30 },
      testTimeoutMs: 500,
    });
    expect(r.run.timedOut).toBe(true);
    expect(r.error).toMatch(/timed out after \d+ ms/);
    expect(r.tests.map((t) => t.passed)).toEqual([false, false]);
  });

  it("a busy loop is stopped by the CPU-time limit and reported", async () => {
    const r = await runCodeTests({
      code: "",
      tests: [{ name: "busy", code: "Promise.resolve().then(() => { for (;;) {} });" }],
      limits: { wallMs: 30_000, cpuSeconds: 1 },
    });
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
      tests: [
        attack(
          "buffers",
          `const keep = []; for (let i = 0; i < 400; i++) keep.push(P.mainModule.require("buffer").Buffer.alloc(20e6, 1)); assert.fail("allocated " + keep.length * 20 + " MB");`,
        ),
      ],
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

// The same attacks written in Python. Python has no permission model inside,
// so everything here is held by the operating system alone (bubblewrap's
// namespaces, the read-only root, the tmpfs, the rlimits). Each attack runs
// as a test that passes only if the attack worked; contained, it fails with
// the operating system's refusal as its message.
const python = (tests: { name: string; code: string }[], extra: Partial<Parameters<typeof runCodeTests>[0]> = {}) =>
  runCodeTests({ language: "python", code: "import os, socket, signal, time", tests, ...extra });

/** Host processes whose command line contains `marker`. */
function hostProcesses(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").includes(marker)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

describe("the Python code sandbox under attack (the operating system alone confines it)", () => {
  let dir: string;
  let tcp: net.Server;
  let port = 0;
  let udp: dgram.Socket;
  let udpPort = 0;
  let datagrams = 0;
  let connections = 0;
  let unixPath = "";
  let unixServer: net.Server;
  const abstractName = `studio-sandbox-attack-${process.pid}`;
  let abstractServer: net.Server;
  let bystander: ChildProcess;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-attack-py-"));
    tcp = net.createServer((s) => {
      connections++;
      s.end("hello");
    });
    await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", () => r()));
    port = (tcp.address() as net.AddressInfo).port;
    udp = dgram.createSocket("udp4", () => datagrams++);
    await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
    udpPort = udp.address().port;
    unixPath = path.join(dir, "host.sock");
    unixServer = net.createServer(() => connections++);
    await new Promise<void>((r) => unixServer.listen(unixPath, () => r()));
    // abstract Unix sockets belong to the network namespace, not the file system
    abstractServer = net.createServer(() => connections++);
    await new Promise<void>((r) => abstractServer.listen(`\0${abstractName}`, () => r()));
    bystander = spawn("/bin/sleep", ["300"], { stdio: "ignore" });
  });

  afterAll(() => {
    bystander.kill("SIGKILL");
    for (const s of [tcp, unixServer, abstractServer]) s.close();
    udp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writing outside the scratch tmpfs is refused and nothing on the host changes", async () => {
    const outside = path.join(dir, "written-from-sandbox.txt");
    const r = await python([
      { name: "write the root", code: `open("/pwned", "w").write("x")` },
      { name: "write /usr", code: `open("/usr/pwned", "w").write("x")` },
      { name: "write /dev", code: `open("/dev/pwned", "w").write("x")` },
      { name: "write the host's folder", code: `open(${JSON.stringify(outside)}, "w").write("x")` },
      { name: "write its scratch tmpfs", code: `open("/tmp/mine.txt", "w").write("x"); assert open("/tmp/mine.txt").read() == "x"` },
    ]);
    expect(r.run.confinement).toBe("bubblewrap");
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["write the root", false],
      ["write /usr", false],
      ["write /dev", false],
      ["write the host's folder", false],
      ["write its scratch tmpfs", true],
    ]);
    for (const t of r.tests.slice(0, 3)) expect(t.message, t.name).toMatch(/Read-only file system/);
    expect(r.tests[3].message).toMatch(/No such file or directory/);
    expect(existsSync(outside)).toBe(false);
  });

  it("the studio's files, its environment and its processes are out of sight", async () => {
    process.env.STUDIO_SANDBOX_CANARY = "canary-3f9a";
    const r = await python([
      { name: "read the project", code: `open(${JSON.stringify(path.resolve("package.json"))}).read()` },
      { name: "read /etc/passwd", code: `open("/etc/passwd").read()` },
      { name: "read the studio's environ", code: `open("/proc/${process.pid}/environ", "rb").read()` },
      { name: "the root holds only the runtime", code: `assert False, sorted(os.listdir("/"))` },
      {
        name: "no process environment holds a secret",
        code: `
seen = []
for p in os.listdir("/proc"):
    if p.isdigit():
        seen.append(p)
        env = open("/proc/%s/environ" % p, "rb").read()
        assert b"DATABASE_URL" not in env and b"canary-3f9a" not in env, env
assert len(seen) <= 3, seen`,
      },
      { name: "kill a bystander", code: `os.kill(${bystander.pid}, signal.SIGKILL)` },
    ]);
    delete process.env.STUDIO_SANDBOX_CANARY;
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false, false, true, false]);
    expect(r.tests[0].message).toMatch(/No such file or directory/);
    expect(r.tests[1].message).toMatch(/No such file or directory/);
    expect(r.tests[2].message).toMatch(/No such file or directory/);
    const root = JSON.parse(r.tests[3].message!.replace(/^AssertionError: /, "").replaceAll("'", '"')) as string[];
    expect(root.filter((d) => !["bin", "dev", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp", "usr"].includes(d))).toEqual([]);
    expect(r.tests[5].message).toMatch(/ProcessLookupError/);
    expect(bystander.exitCode).toBeNull();
    expect(() => process.kill(bystander.pid!, 0)).not.toThrow();
  });

  it("no socket reaches the host: TCP, UDP, Unix paths, abstract Unix sockets, the outside world", async () => {
    const r = await python([
      { name: "tcp", code: `socket.create_connection(("127.0.0.1", ${port}), timeout=2)` },
      { name: "udp", code: `s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor _ in range(20): s.sendto(b"x", ("127.0.0.1", ${udpPort}))` },
      { name: "unix path", code: `s = socket.socket(socket.AF_UNIX); s.connect(${JSON.stringify(unixPath)})` },
      { name: "abstract unix", code: `s = socket.socket(socket.AF_UNIX); s.connect("\\0${abstractName}")` },
      { name: "outside world", code: `socket.create_connection(("1.1.1.1", 53), timeout=2)` },
      { name: "interfaces", code: `assert False, [name for _, name in socket.if_nameindex()]` },
    ]);
    expect(r.tests.map((t) => t.passed)).toEqual([false, true, false, false, false, false]);
    expect(r.tests[0].message).toMatch(/Connection refused/);
    expect(r.tests[2].message).toMatch(/No such file or directory/);
    expect(r.tests[3].message).toMatch(/Connection refused/);
    expect(r.tests[4].message).toMatch(/Network is unreachable/);
    // the namespace's own loopback, and nothing else
    expect(r.tests[5].message).toBe("AssertionError: ['lo']");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // the datagrams went to the sandbox's own loopback
    expect(datagrams).toBe(0);
    expect(connections).toBe(0);
  });

  it("a listener inside the sandbox is not reachable from the host", async () => {
    const listenPort = 20_000 + (process.pid % 20_000);
    const pending = python(
      [{ name: "listen", code: `s = socket.socket(); s.bind(("127.0.0.1", ${listenPort})); s.listen(); time.sleep(2.5); assert False, "listened"` }],
      { testTimeoutMs: 5_000 },
    );
    let reached = false;
    const until = Date.now() + 2_000;
    while (Date.now() < until && !reached) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      reached = await new Promise<boolean>((resolve) => {
        const s = net.connect(listenPort, "127.0.0.1", () => (s.destroy(), resolve(true)));
        s.on("error", () => resolve(false));
      });
    }
    const r = await pending;
    expect(r.tests[0].message).toBe("AssertionError: listened");
    expect(reached).toBe(false);
  });

  it("a fork bomb stops at the process limit and leaves nothing behind", async () => {
    const r = await python(
      [
        {
          name: "fork bomb",
          code: `
n = 0
try:
    while True:
        if os.fork() == 0:
            os.execv("/usr/bin/sleep", ["sleep", "31.7"])
        n += 1
except OSError as e:
    raise AssertionError("forked %d, then %s" % (n, e))`,
        },
      ],
      { limits: { processes: 32 } },
    );
    expect(r.tests[0].message).toMatch(/forked \d+, then \[Errno 11\] Resource temporarily unavailable/);
    expect(Number(r.tests[0].message!.match(/forked (\d+)/)![1])).toBeLessThan(32);
    expect(r.run.durationMs).toBeLessThan(20_000);
    // the namespace's processes died with it
    expect(hostProcesses("sleep 31.7")).toEqual([]);
  });

  it("memory bombs are refused by the address-space limit", async () => {
    const r = await python(
      [
        { name: "one huge block", code: `x = bytearray(2 * 1024 ** 3)` },
        { name: "many blocks", code: `keep = []\nwhile True: keep.append(bytearray(10 ** 7))` },
        { name: "still works", code: `assert sum(range(10)) == 45` },
      ],
      { limits: { memoryMb: 64 }, testTimeoutMs: 10_000 },
    );
    expect(r.tests.map((t) => [t.name, t.passed, t.message])).toEqual([
      ["one huge block", false, "MemoryError"],
      ["many blocks", false, "MemoryError"],
      ["still works", true, undefined],
    ]);
    // each process under the address-space limit, together far over it: the watchdog sums the whole tree
    const spread = await python(
      [
        {
          name: "spread over processes",
          code: `
for _ in range(12):
    if os.fork() == 0:
        block = bytearray(100 * 1024 * 1024)
        for i in range(0, len(block), 4096): block[i] = 1
        time.sleep(30)
        os._exit(0)
time.sleep(30)`,
        },
      ],
      { limits: { memoryMb: 128, wallMs: 20_000 }, testTimeoutMs: 19_000 },
    );
    expect(spread.run.memoryExceeded).toBe(true);
    expect(spread.error).toBe("exceeded the memory limit");
  });

  it("a busy loop is stopped by the CPU-time limit, a blocked sleep by the wall clock", async () => {
    const busy = await python([{ name: "busy", code: `while True: pass` }], { limits: { cpuSeconds: 1, wallMs: 30_000 }, testTimeoutMs: 25_000 });
    expect(busy.run.cpuLimitHit).toBe(true);
    expect(busy.error).toBe("exceeded the CPU time limit");
    const asleep = await python([{ name: "sleeps past its timeout", code: `signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\ntime.sleep(60)` }], {
      limits: { wallMs: 1_500 },
      testTimeoutMs: 500,
    });
    expect(asleep.run.timedOut).toBe(true);
    expect(asleep.error).toMatch(/timed out after \d+ ms/);
  });

  it.runIf(seccompSupported())("system calls code has no use for fail with EPERM under the seccomp filter; ordinary ones still work", async () => {
    const r = await python([
      {
        name: "syscalls",
        code: `
import ctypes, errno
libc = ctypes.CDLL(None, use_errno=True)
def call(nr, *args):
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])
    return "ok" if r >= 0 else errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno()))
assert False, {
    "getpid": call(39),
    "ptrace": call(101, 0, 0, 0, 0),
    "keyctl": call(250, 0, 0, 0, 0, 0),
    "bpf": call(321, 0, 0, 0),
    "perf_event_open": call(298, 0, 0, -1, -1, 0),
    "userfaultfd": call(323, 0),
    "io_uring_setup": call(425, 1, 0),
    "unshare": call(272, 0x20000),
    "mount": call(165, 0, 0, 0, 0, 0),
    "x32 getpid": call(39 | 0x40000000),
}`,
      },
    ]);
    const seen = JSON.parse(r.tests[0].message!.replace(/^AssertionError: /, "").replaceAll("'", '"')) as Record<string, string>;
    expect(seen).toEqual({
      getpid: "ok",
      ptrace: "EPERM",
      keyctl: "EPERM",
      bpf: "EPERM",
      perf_event_open: "EPERM",
      userfaultfd: "EPERM",
      io_uring_setup: "EPERM",
      unshare: "EPERM",
      mount: "EPERM",
      "x32 getpid": "EPERM",
    });
  });

  it("floods of output and of files are cut off", async () => {
    const flood = await python([{ name: "flood", code: `while True: os.write(1, b"x" * 4096)` }], { limits: { outputBytes: 8192 } });
    expect(flood.run.outputExceeded).toBe(true);
    expect(flood.error).toBe("printed more output than allowed");
    const big = await python([{ name: "one big file", code: `open("/tmp/big", "wb").write(b"x" * 8 * 1024 * 1024)` }], { limits: { fileMb: 4 } });
    expect(big.tests[0].message).toMatch(/File too large|No space left on device/);
  });
});
