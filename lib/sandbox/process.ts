import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { confinement, nodeMount, sandboxNodePath, SandboxUnavailableError, systemMounts, systemPython, type Confinement } from "./confinement";
import { networkIsolation } from "./isolation";
import { sandboxLimitsSchema, type SandboxLimits, type SandboxLimitsInput } from "./limits";
import { NET_GUARD_SOURCE } from "./net-guard";
import { seccompProgram, seccompSupported } from "./seccomp";

// Runs a program (JavaScript on the studio's Node, or Python on the machine's
// python3) confined by the operating system: under bubblewrap it has its own
// user, PID, IPC, UTS and network namespaces, sees /usr and its runtime
// read-only and nothing of the studio, writes only to a fresh tmpfs, and has
// rlimits for CPU time, memory, processes and file size (see confinement.ts).
// JavaScript also keeps Node's permission model and the network guard inside
// as a second layer. Around it: a wall-clock timeout, a resident-memory
// watchdog over the whole process tree and an output cap. The program's
// reports come back on file descriptor 3, apart from its stdout; the code it
// runs can write there too, so a report is a claim, never a verdict (the
// host decides: see code-tests.ts).

export type SandboxRuntime = "node" | "python";

export type SandboxRun = {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** what the program wrote to fd 3 */
  channel: string;
  durationMs: number;
  timedOut: boolean;
  cpuLimitHit: boolean;
  memoryExceeded: boolean;
  outputExceeded: boolean;
  network: "namespace" | "guard";
  confinement: "bubblewrap" | "node-permissions";
};

export type SandboxRequest = {
  /** file name → content, written into the scratch folder */
  files: Record<string, string>;
  entry: string;
  /** defaults to node */
  runtime?: SandboxRuntime;
  limits?: SandboxLimitsInput;
  signal?: AbortSignal;
};

const WATCH_EVERY_MS = 50;
/** nothing of the studio's environment (database URL, API keys) reaches the sandbox */
const NO_ENV = {} as NodeJS.ProcessEnv;
const MB = 1024 * 1024;
/** resident memory of an idle runtime (and bubblewrap around it), allowed on top of the limit */
const RSS_BASELINE_MB = 64;
const DATA_HEADROOM_MB = 64;
/** python3's own address space before the solution runs (about 13 MiB) plus the modules the harness imports */
const PYTHON_AS_HEADROOM_MB = 64;
/** where the scratch tmpfs appears inside bubblewrap */
const SCRATCH = "/tmp";
// Node's own writable mappings before any user code runs (about 570 MiB on
// Node 24 x64, mostly reserved and never touched); RLIMIT_DATA is set to this
// plus the memory limit, so a Buffer bomb fails at once instead of racing
// the resident-memory watchdog. Node gets RLIMIT_DATA rather than
// RLIMIT_AS because V8 reserves gigabytes of address space it never uses.
let dataBaselineKb: number | null | undefined;

function nodeDataBaselineKb(memoryMb: number): number | null {
  if (dataBaselineKb !== undefined) return dataBaselineKb;
  const probe = spawnSync(
    process.execPath,
    [`--max-old-space-size=${memoryMb}`, "-e", "process.stdout.write(require('fs').readFileSync('/proc/self/status','utf8'))"],
    { encoding: "utf8", timeout: 10_000, env: NO_ENV },
  );
  const m = probe.stdout?.match(/VmData:\s+(\d+)\s+kB/);
  dataBaselineKb = m ? Number(m[1]) : null;
  return dataBaselineKb;
}

function nodeDataKb(limits: SandboxLimits): number | null {
  const baseline = nodeDataBaselineKb(limits.memoryMb);
  return baseline === null ? null : baseline + (limits.memoryMb + DATA_HEADROOM_MB) * 1024;
}

function checkNames(files: Record<string, string>) {
  for (const name of Object.keys(files)) {
    if (name.includes("/") || name.startsWith(".")) throw new Error(`sandbox file names are plain: ${name}`);
  }
}

/** Throws SandboxUnavailableError when this machine cannot confine the runtime asked for. */
export async function runInSandbox(req: SandboxRequest, c: Confinement = confinement()): Promise<SandboxRun> {
  const limits = sandboxLimitsSchema.parse(req.limits ?? {});
  const runtime = req.runtime ?? "node";
  checkNames(req.files);
  if (c.kind === "bubblewrap") return runUnderBubblewrap(c, req, runtime, limits);
  if (!c.accepted) throw new SandboxUnavailableError(c.reason);
  if (runtime !== "node") throw new SandboxUnavailableError(`${c.reason}, and Python runs only under bubblewrap`);
  return runWithNodePermissions(req, limits);
}

function runUnderBubblewrap(c: Extract<Confinement, { kind: "bubblewrap" }>, req: SandboxRequest, runtime: SandboxRuntime, limits: SandboxLimits) {
  const files: [string, string][] = Object.entries(req.files);
  let program: string[];
  let memory: string;
  const runtimeMounts: string[] = [];
  if (runtime === "python") {
    const python = systemPython();
    if (!python) throw new SandboxUnavailableError("python3 is not installed under /usr");
    program = [python, "-I", "-S", "-B", `${SCRATCH}/${req.entry}`];
    memory = `--as=${(limits.memoryMb + PYTHON_AS_HEADROOM_MB) * MB}`;
  } else {
    files.push(["__net_guard.cjs", NET_GUARD_SOURCE]);
    runtimeMounts.push(...nodeMount());
    program = [
      sandboxNodePath(),
      "--permission",
      `--allow-fs-read=${SCRATCH}`,
      `--max-old-space-size=${limits.memoryMb}`,
      "--no-warnings",
      "--require",
      `${SCRATCH}/__net_guard.cjs`,
      `${SCRATCH}/${req.entry}`,
    ];
    const dataKb = nodeDataKb(limits);
    memory = `--data=${dataKb === null ? "unlimited" : dataKb * 1024}`;
  }
  // fds 4, 5, … carry the files; bubblewrap copies each into the tmpfs before the program starts
  const fileArgs = files.flatMap(([name], i) => ["--file", String(4 + i), `${SCRATCH}/${name}`]);
  // and the next one the seccomp filter, loaded just before the program runs
  const seccomp = seccompSupported() ? seccompProgram() : null;
  const seccompArgs = seccomp ? ["--seccomp", String(4 + files.length)] : [];
  const args = [
    ...c.dropRoot,
    c.bwrap,
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "sandbox",
    ...systemMounts(),
    ...runtimeMounts,
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    String(limits.fileMb * MB),
    "--tmpfs",
    SCRATCH,
    ...fileArgs,
    ...seccompArgs,
    // bubblewrap's own root and /dev are tmpfs too: read-only, so the scratch tmpfs (sized) is the one writable place
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
    "--chdir",
    SCRATCH,
    "--",
    c.prlimit,
    `--cpu=${limits.cpuSeconds}`,
    memory,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileMb * MB}`,
    "--core=0",
    "--",
    ...program,
  ];
  return supervise(args[0], args.slice(1), {
    cwd: "/",
    inputs: [...files.map(([, content]) => content), ...(seccomp ? [seccomp] : [])],
    limits,
    signal: req.signal,
    // bubblewrap exits with 128 + n when the program dies of signal n
    exitSignals: true,
    network: "namespace",
    confinement: "bubblewrap",
  });
}

async function runWithNodePermissions(req: SandboxRequest, limits: SandboxLimits): Promise<SandboxRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "studio-sandbox-"));
  try {
    await writeFile(path.join(dir, "__net_guard.cjs"), NET_GUARD_SOURCE);
    for (const [name, content] of Object.entries(req.files)) await writeFile(path.join(dir, name), content);
    const isolation = networkIsolation();
    const node = [
      process.execPath,
      "--permission",
      `--allow-fs-read=${dir}`,
      `--max-old-space-size=${limits.memoryMb}`,
      "--no-warnings",
      "--require",
      path.join(dir, "__net_guard.cjs"),
      path.join(dir, req.entry),
    ];
    const dataKb = nodeDataKb(limits);
    // sh sets the limits, then every wrapper execs, so the pid stays the program's
    const script = 'ulimit -t "$0" 2>/dev/null; ulimit -d "$1" 2>/dev/null; shift; exec "$@"';
    const args = ["-c", script, String(limits.cpuSeconds), dataKb === null ? "unlimited" : String(dataKb), ...isolation.prefix, ...node];
    return await supervise("/bin/sh", args, {
      cwd: dir,
      inputs: [],
      limits,
      signal: req.signal,
      exitSignals: false,
      network: isolation.kind,
      confinement: "node-permissions",
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type SuperviseOptions = {
  cwd: string;
  /** written to fds 4, 5, … and closed */
  inputs: (string | Buffer)[];
  limits: SandboxLimits;
  signal?: AbortSignal;
  exitSignals: boolean;
  network: SandboxRun["network"];
  confinement: SandboxRun["confinement"];
};

const SIGNAL_NAMES = new Map(Object.entries(os.constants.signals).map(([name, n]) => [n, name]));

function supervise(command: string, args: string[], o: SuperviseOptions): Promise<SandboxRun> {
  const { limits } = o;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const stdio = ["ignore", "pipe", "pipe", "pipe", ...o.inputs.map(() => "pipe" as const)] as const;
    const child = spawn(command, args, { cwd: o.cwd, env: NO_ENV, stdio: [...stdio], detached: true });
    o.inputs.forEach((content, i) => {
      const input = child.stdio[4 + i] as Writable;
      input.on("error", () => {}); // the child died before reading: its exit is reported below
      input.end(content);
    });
    const out = { stdout: "", stderr: "", channel: "", bytes: 0 };
    const flags = { timedOut: false, memoryExceeded: false, outputExceeded: false, killed: false };
    const kill = () => {
      if (flags.killed || child.pid === undefined) return;
      flags.killed = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const collect = (key: "stdout" | "stderr") => (chunk: Buffer) => {
      const room = limits.outputBytes - out.bytes;
      out.bytes += chunk.length;
      if (room > 0) out[key] += chunk.subarray(0, room).toString("utf8");
      if (out.bytes > limits.outputBytes) {
        flags.outputExceeded = true;
        kill();
      }
    };
    child.stdout!.on("data", collect("stdout"));
    child.stderr!.on("data", collect("stderr"));
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => {
      if (out.channel.length < limits.outputBytes) out.channel += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      flags.timedOut = true;
      kill();
    }, limits.wallMs);
    const watchdog = setInterval(async () => {
      const rss = await treeResidentMb(child.pid);
      if (rss > limits.memoryMb + RSS_BASELINE_MB) {
        flags.memoryExceeded = true;
        kill();
      }
    }, WATCH_EVERY_MS);
    const onAbort = () => kill();
    o.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      reject(e);
    });
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      o.signal?.removeEventListener("abort", onAbort);
      if (o.signal?.aborted) return reject(o.signal.reason ?? new Error("aborted"));
      let exitCode = code;
      let signal: string | null = sig;
      if (o.exitSignals && code !== null && code > 128 && SIGNAL_NAMES.has(code - 128)) {
        signal = SIGNAL_NAMES.get(code - 128)!;
        exitCode = null;
      }
      const heapOom = /heap out of memory|Fatal process out of memory|Allocation failed/i.test(out.stderr);
      resolve({
        exitCode,
        signal,
        ...out,
        durationMs: Math.round(performance.now() - started),
        timedOut: flags.timedOut,
        cpuLimitHit: !flags.killed && (signal === "SIGXCPU" || signal === "SIGKILL"),
        memoryExceeded: flags.memoryExceeded || heapOom,
        outputExceeded: flags.outputExceeded,
        network: o.network,
        confinement: o.confinement,
      });
    });
  });
}

/** Resident memory of a process and all its descendants in MiB, from /proc (0 where unavailable). */
async function treeResidentMb(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  let total = 0;
  const queue = [pid];
  for (let seen = 0; queue.length && seen < 4096; seen++) {
    const p = queue.shift()!;
    try {
      const status = await readFile(`/proc/${p}/status`, "utf8");
      const m = status.match(/VmRSS:\s+(\d+)\s+kB/);
      if (m) total += Number(m[1]) / 1024;
      const children = await readFile(`/proc/${p}/task/${p}/children`, "utf8");
      for (const c of children.split(" ").filter(Boolean)) queue.push(Number(c));
    } catch {
      // the process ended between two reads
    }
  }
  return total;
}
