import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { seccompSupported } from "./seccomp";

// How sandboxed code is confined on this machine. The strong form is
// bubblewrap: new user, PID, IPC, UTS, cgroup and network namespaces, a
// read-only view of /usr and the runtime only, a fresh tmpfs as the one
// writable place, rlimits set inside the namespace. Where bubblewrap cannot
// run (not installed, or the kernel refuses user namespaces) only Node's
// permission model and the network guard remain: that weaker form runs
// JavaScript only, and only when an admin has accepted it by setting
// STUDIO_SANDBOX_ALLOW_WEAK=1.

export const ALLOW_WEAK_ENV = "STUDIO_SANDBOX_ALLOW_WEAK";
/** the uid/gid sandboxed code runs as when the studio runs as root: RLIMIT_NPROC does not bind root */
const NOBODY = 65534;

export type Confinement =
  | { kind: "bubblewrap"; bwrap: string; prlimit: string; /** drops root before bwrap */ dropRoot: string[] }
  | { kind: "weak"; reason: string; accepted: boolean };

export class SandboxUnavailableError extends Error {
  constructor(reason: string) {
    super(`code cannot run: ${reason}; an admin may accept the weaker confinement (Node's permission model, JavaScript only) with ${ALLOW_WEAK_ENV}=1`);
    this.name = "SandboxUnavailableError";
  }
}

export function findTool(name: string): string | null {
  for (const dir of ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Mounts of the root's library and binary folders: symlinks stay symlinks (merged /usr), folders are bound read-only. */
export function systemMounts(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const dir of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    if (!existsSync(dir)) continue;
    if (lstatSync(dir).isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
    else args.push("--ro-bind", dir, dir);
  }
  return args;
}

/** The machine's python3, when it lives under /usr (the only tree the sandbox sees). */
export function systemPython(): string | null {
  for (const p of ["/usr/bin/python3", "/usr/local/bin/python3"]) {
    if (!existsSync(p)) continue;
    const real = realpathSync(p);
    if (real.startsWith("/usr/")) return real;
  }
  return null;
}

let cached: Confinement | null = null;

/** `bwrap` names another binary to try (tests); by default it is looked up where the system installs it. */
export function probeConfinement(opts: { bwrap?: string | null; env?: Record<string, string | undefined> } = {}): Confinement {
  const accepted = (opts.env ?? process.env)[ALLOW_WEAK_ENV] === "1";
  const weak = (reason: string): Confinement => ({ kind: "weak", reason, accepted });
  if (process.platform !== "linux") return weak("bubblewrap needs Linux");
  const bwrap = opts.bwrap === undefined ? findTool("bwrap") : opts.bwrap;
  if (!bwrap || !existsSync(bwrap)) return weak("bubblewrap (bwrap) is not installed");
  const prlimit = findTool("prlimit");
  if (!prlimit) return weak("prlimit (util-linux) is not installed");
  let dropRoot: string[] = [];
  if (process.getuid?.() === 0) {
    const setpriv = findTool("setpriv");
    if (!setpriv) return weak("the studio runs as root and setpriv (util-linux) is not installed to drop it");
    dropRoot = [setpriv, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--inh-caps=-all", "--"];
  }
  const probe = (args: string[]) =>
    spawnSync(
      dropRoot[0] ?? bwrap,
      [...dropRoot.slice(1), ...(dropRoot.length ? [bwrap] : []), "--unshare-all", "--die-with-parent", ...systemMounts(), ...args],
      {
        encoding: "utf8",
        timeout: 10_000,
        env: {} as NodeJS.ProcessEnv,
      },
    );
  const firstLine = (r: ReturnType<typeof probe>) => (r.stderr || r.error?.message || `exit ${r.status}`).trim().split("\n")[0];
  const namespaces = probe(["--proc", "/proc", "--tmpfs", "/tmp", "--", prlimit, "--nproc=16", "--", "/usr/bin/true"]);
  if (namespaces.status !== 0) return weak(`bubblewrap cannot create its namespaces here (${firstLine(namespaces)}); user namespaces may be disabled`);
  // the sandbox user (nobody, when the studio runs as root) must be able to reach the studio's Node binary
  const node = probe([...nodeMount(), "--", sandboxNodePath(), "-e", "0"]);
  if (node.status !== 0)
    return weak(`the sandbox cannot run Node from ${path.dirname(process.execPath)} (${firstLine(node)}); install Node where every user can read it`);
  return { kind: "bubblewrap", bwrap, prlimit, dropRoot };
}

/** Where the studio's own Node binary appears inside bubblewrap. */
const NODE_DIR = "/opt/node";

export function nodeMount(): string[] {
  return ["--ro-bind", path.dirname(process.execPath), NODE_DIR];
}

export function sandboxNodePath(): string {
  return `${NODE_DIR}/${path.basename(process.execPath)}`;
}

/** Probes once per process. */
export function confinement(): Confinement {
  return (cached ??= probeConfinement());
}

export type SandboxStatus = {
  confinement: "bubblewrap" | "node-permissions" | "refused";
  /** code tasks can run */
  ready: boolean;
  languages: string[];
  detail: string;
};

/** For the Settings page and `studio status`. */
export function sandboxStatus(c: Confinement = confinement()): SandboxStatus {
  if (c.kind === "bubblewrap") {
    const python = systemPython();
    return {
      confinement: "bubblewrap",
      ready: true,
      languages: python ? ["javascript", "typescript", "python"] : ["javascript", "typescript"],
      detail: `code runs under bubblewrap (${c.bwrap}) in its own namespaces, no network, read-only system, tmpfs scratch, ${seccompSupported() ? "a seccomp filter" : `no seccomp filter (its system call table is x86_64's, this machine is ${process.arch})`}${python ? "" : "; python3 not found under /usr, so Python code tasks are refused"}`,
    };
  }
  if (c.accepted) {
    return {
      confinement: "node-permissions",
      ready: true,
      languages: ["javascript", "typescript"],
      detail: `weaker confinement accepted by ${ALLOW_WEAK_ENV}=1: ${c.reason}; JavaScript runs under Node's permission model only, Python is refused`,
    };
  }
  return {
    confinement: "refused",
    ready: false,
    languages: [],
    detail: `code tasks are refused: ${c.reason}; set ${ALLOW_WEAK_ENV}=1 to accept Node's permission model alone (JavaScript only)`,
  };
}

/** Refuses a code task before it starts where this machine cannot confine code (and no admin accepted the weaker form). */
export function assertCodeCanRun(c: Confinement = confinement()): void {
  if (c.kind === "weak" && !c.accepted) throw new SandboxUnavailableError(c.reason);
}
