import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { networkIsolation } from "./isolation";
import { sandboxLimitsSchema, type SandboxLimitsInput } from "./limits";
import { NET_GUARD_SOURCE } from "./net-guard";

// Runs a JavaScript file in a child Node process that may read only its own
// scratch folder and write nowhere (Node's permission model), cannot spawn
// processes or workers, has no network, a CPU-time limit (RLIMIT_CPU), a heap
// limit plus a resident-memory watchdog, a wall-clock timeout and an output
// cap. Results come back on file descriptor 3, apart from the program's own
// stdout, so printing cannot forge them.

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
};

export type SandboxRequest = {
  /** file name → content, written into the scratch folder */
  files: Record<string, string>;
  entry: string;
  limits?: SandboxLimitsInput;
  signal?: AbortSignal;
};

const WATCH_EVERY_MS = 50;
/** nothing of the studio's environment (database URL, API keys) reaches the sandbox */
const NO_ENV = {} as NodeJS.ProcessEnv;
/** resident memory of an idle Node process, allowed on top of the limit */
const RSS_BASELINE_MB = 64;
const DATA_HEADROOM_MB = 64;
// Node's own writable mappings before any user code runs (about 570 MiB on
// Node 24 x64, mostly reserved and never touched); RLIMIT_DATA is set to this
// plus the memory limit, so a Buffer bomb fails at once instead of racing
// the resident-memory watchdog.
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

export async function runInSandbox(req: SandboxRequest): Promise<SandboxRun> {
  const limits = sandboxLimitsSchema.parse(req.limits ?? {});
  const dir = await mkdtemp(path.join(os.tmpdir(), "studio-sandbox-"));
  try {
    await writeFile(path.join(dir, "__net_guard.cjs"), NET_GUARD_SOURCE);
    for (const [name, content] of Object.entries(req.files)) {
      if (name.includes("/") || name.startsWith(".")) throw new Error(`sandbox file names are plain: ${name}`);
      await writeFile(path.join(dir, name), content);
    }
    return await spawnConfined(dir, req.entry, limits, req.signal);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function spawnConfined(dir: string, entry: string, limits: ReturnType<typeof sandboxLimitsSchema.parse>, signal?: AbortSignal): Promise<SandboxRun> {
  const isolation = networkIsolation();
  const node = [
    process.execPath,
    "--permission",
    `--allow-fs-read=${dir}`,
    `--max-old-space-size=${limits.memoryMb}`,
    "--no-warnings",
    "--require",
    path.join(dir, "__net_guard.cjs"),
    path.join(dir, entry),
  ];
  const baseline = nodeDataBaselineKb(limits.memoryMb);
  const dataKb = baseline === null ? "unlimited" : String(baseline + (limits.memoryMb + DATA_HEADROOM_MB) * 1024);
  // sh sets the limits, then every wrapper execs, so the pid stays the program's
  const script = 'ulimit -t "$0" 2>/dev/null; ulimit -d "$1" 2>/dev/null; shift; exec "$@"';
  const args = ["-c", script, String(limits.cpuSeconds), dataKb, ...isolation.prefix, ...node];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", args, { cwd: dir, env: NO_ENV, stdio: ["ignore", "pipe", "pipe", "pipe"], detached: true });
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
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => {
      if (out.channel.length < limits.outputBytes) out.channel += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      flags.timedOut = true;
      kill();
    }, limits.wallMs);
    const watchdog = setInterval(async () => {
      const rss = await residentMb(child.pid);
      if (rss !== null && rss > limits.memoryMb + RSS_BASELINE_MB) {
        flags.memoryExceeded = true;
        kill();
      }
    }, WATCH_EVERY_MS);
    const onAbort = () => kill();
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (e) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      reject(e);
    });
    child.on("close", (exitCode, sig) => {
      clearTimeout(timer);
      clearInterval(watchdog);
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
      const heapOom = /heap out of memory|Fatal process out of memory|Allocation failed/i.test(out.stderr);
      resolve({
        exitCode,
        signal: sig,
        ...out,
        durationMs: Math.round(performance.now() - started),
        timedOut: flags.timedOut,
        cpuLimitHit: !flags.killed && (sig === "SIGXCPU" || sig === "SIGKILL"),
        memoryExceeded: flags.memoryExceeded || heapOom,
        outputExceeded: flags.outputExceeded,
        network: isolation.kind,
      });
    });
  });
}

/** Resident memory of a process in MiB, from /proc (null where unavailable). */
async function residentMb(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const m = status.match(/VmRSS:\s+(\d+)\s+kB/);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
