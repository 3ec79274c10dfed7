import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findTool, systemMounts } from "../../sandbox/confinement";
import { seccompProgram, seccompSupported } from "../../sandbox/seccomp";

// Where the machine has bubblewrap, a stdio MCP server runs inside it: its
// own user, PID, IPC, UTS and cgroup namespaces (and network namespace, with
// no interfaces, unless its source declares it needs the network), the root
// read-only with only /usr, the runtime that starts it and a few files of
// /etc, a fresh tmpfs at /tmp and at HOME, and of the studio's files only
// the folders its source declares (plus the node_modules of a built-in
// server, read-only). Its environment is the minimal one the policy builds,
// and the code sandbox's seccomp filter applies (where the machine is x86_64).
// Unlike the code sandbox it keeps the studio's uid: a declared folder (the
// studio's data folder is 0700) must stay reachable.

export type McpConfinement = { kind: "bubblewrap"; bwrap: string } | { kind: "none"; reason: string };

/** What a server may see, besides the system and its runtime. */
export type DeclaredFolders = { path: string; write: boolean }[];

export type ConfineRequest = {
  /** the program, absolute or looked up on `pathEnv` */
  command: string;
  args: string[];
  folders: DeclaredFolders;
  network: boolean;
  cwd?: string;
  home?: string;
  pathEnv?: string;
  /** a built-in server's package folder: its node_modules tree is shown read-only */
  packageDir?: string;
};

/** System files a runtime reads (name resolution, certificates, the user table); nothing secret. */
const ETC = [
  "/etc/resolv.conf",
  "/etc/hosts",
  "/etc/nsswitch.conf",
  "/etc/host.conf",
  "/etc/ssl",
  "/etc/ca-certificates",
  "/etc/pki",
  "/etc/localtime",
  "/etc/passwd",
  "/etc/group",
  "/etc/alternatives",
];

let cached: McpConfinement | undefined;

export function probeMcpConfinement(bwrap: string | null = findTool("bwrap")): McpConfinement {
  if (process.platform !== "linux") return { kind: "none", reason: "bubblewrap needs Linux" };
  if (!bwrap) return { kind: "none", reason: "bubblewrap (bwrap) is not installed" };
  const probe = spawnSync(
    bwrap,
    ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", ...systemMounts(), "--proc", "/proc", "--", "/usr/bin/true"],
    {
      encoding: "utf8",
      timeout: 10_000,
      env: {} as NodeJS.ProcessEnv,
    },
  );
  if (probe.status !== 0) {
    const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().split("\n")[0];
    return { kind: "none", reason: `bubblewrap cannot create its namespaces here (${why}); user namespaces may be disabled` };
  }
  return { kind: "bubblewrap", bwrap };
}

/** Probes once per process. */
export function mcpConfinement(): McpConfinement {
  return (cached ??= probeMcpConfinement());
}

export type McpConfinementStatus = { confinement: "bubblewrap" | "minimal-env"; detail: string };

/** For the Settings page and `studio status`. */
export function mcpConfinementStatus(c: McpConfinement = mcpConfinement()): McpConfinementStatus {
  if (c.kind === "bubblewrap") {
    return {
      confinement: "bubblewrap",
      detail: `stdio MCP servers run under bubblewrap (${c.bwrap}): own namespaces, read-only system, only the folders their source declares, no network unless declared${seccompSupported() ? ", a seccomp filter" : ""}`,
    };
  }
  return {
    confinement: "minimal-env",
    detail: `stdio MCP servers run without bubblewrap (${c.reason}): a minimal environment and, where user namespaces work, their own PID namespace; they can read what the studio's user can`,
  };
}

/** `command` as the file that runs: looked up on PATH when it is a bare name, symlinks resolved. */
export function resolveCommand(command: string, pathEnv = ""): string | null {
  const candidates = command.includes("/")
    ? [command]
    : pathEnv
        .split(":")
        .filter(Boolean)
        .map((dir) => path.join(dir, command));
  for (const c of candidates) {
    if (existsSync(c)) return realpathSync(c);
  }
  return null;
}

/** The installation a program belongs to: `<prefix>` for `<prefix>/bin/<name>`, else its folder. */
function installation(file: string): string {
  const dir = path.dirname(file);
  return path.basename(dir) === "bin" ? path.dirname(dir) : dir;
}

/** The outermost node_modules folder above `file` (where a package's dependencies are found). */
function nodeModulesRoot(file: string): string | null {
  const parts = file.split(path.sep);
  const i = parts.indexOf("node_modules");
  return i > 0 ? parts.slice(0, i + 1).join(path.sep) : null;
}

const underUsr = (p: string) => p === "/usr" || p.startsWith("/usr/");

/** The folders a runtime needs besides /usr: the studio's Node (the launcher of built-in servers, and `node` for npx scripts) and the command's installation. */
function runtimeFolders(req: ConfineRequest): string[] {
  const dirs = new Set<string>([installation(realpathSync(process.execPath))]);
  const resolved = resolveCommand(req.command, req.pathEnv);
  if (resolved) dirs.add(installation(resolved));
  // a script's interpreter (`#!/usr/bin/env node`) is found on PATH: the folders PATH names that hold it
  for (const dir of (req.pathEnv ?? "").split(":").filter(Boolean)) {
    const node = path.join(dir, "node");
    if (existsSync(node)) dirs.add(installation(realpathSync(node)));
  }
  if (req.packageDir) {
    const modules = nodeModulesRoot(req.packageDir);
    if (modules) dirs.add(modules);
  }
  return [...dirs].filter((d) => !underUsr(d) && d !== "/");
}

/** Package caches a launcher fills as it runs (npx's, uvx's), writable so it can. */
function launcherCaches(command: string, home: string | undefined): string[] {
  if (!home) return [];
  const name = path.basename(command);
  if (name === "npx" || name === "npm") return [path.join(home, ".npm")];
  if (name === "uvx" || name === "uv") return [path.join(home, ".cache", "uv"), path.join(home, ".local", "share", "uv")];
  return [];
}

/** The bubblewrap command line that starts `req` confined. */
export function bubblewrapArgs(bwrap: string, req: ConfineRequest): { command: string; args: string[] } {
  const args = [
    "--unshare-all",
    "--unshare-user",
    ...(req.network ? ["--share-net"] : []),
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "mcp",
    ...systemMounts(),
  ];
  for (const file of ETC) args.push("--ro-bind-try", file, file);
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp");
  // HOME is an empty tmpfs: a server's own settings and caches do not outlive it, the studio's are not shown
  if (req.home && req.home !== "/" && !underUsr(req.home)) args.push("--tmpfs", req.home);
  for (const dir of runtimeFolders(req)) args.push("--ro-bind", dir, dir);
  for (const cache of launcherCaches(req.command, req.home)) {
    mkdirSync(cache, { recursive: true });
    args.push("--bind", cache, cache);
  }
  const folders = [...req.folders];
  if (req.cwd && !folders.some((f) => f.path === req.cwd)) folders.push({ path: req.cwd, write: false });
  // a folder inside another is mounted after it, so the inner one's mode holds
  folders.sort((a, b) => a.path.length - b.path.length);
  for (const f of folders) {
    if (f.write) mkdirSync(f.path, { recursive: true });
    args.push(f.write ? "--bind-try" : "--ro-bind-try", f.path, f.path);
  }
  // bubblewrap's own root is a tmpfs: read-only, so the declared folders and the tmpfs are the only writable places
  args.push("--remount-ro", "/");
  if (req.cwd) args.push("--chdir", req.cwd);
  args.push("--", req.command, ...req.args);
  const filter = seccompFile();
  if (!filter) return { command: bwrap, args };
  // the filter reaches bubblewrap on fd 3: the SDK's transport gives a child stdin, stdout and stderr only
  return { command: "/bin/sh", args: ["-c", 'f=$1; shift; exec "$@" 3<"$f"', "sh", filter, bwrap, "--seccomp", "3", ...args] };
}

let filterPath: string | null | undefined;

/** The code sandbox's seccomp filter (lib/sandbox/seccomp.ts) in a file only the studio's user reads, written once per process. */
function seccompFile(): string | null {
  if (filterPath !== undefined) return filterPath;
  if (!seccompSupported()) return (filterPath = null);
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-seccomp-"));
  filterPath = path.join(dir, "filter.bpf");
  writeFileSync(filterPath, seccompProgram(), { mode: 0o600 });
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return filterPath;
}
