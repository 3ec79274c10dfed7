import { Refusal } from "../../actions/result";
import { spawnSync } from "node:child_process";
import { env } from "../../env";
import type { StdioConfig } from "../source-config";
import { bubblewrapArgs, mcpConfinement, type DeclaredFolders, type McpConfinement } from "./bubblewrap";
import { resolvePackageBin } from "./resolve-package";

// What an MCP source may do, checked when a source is created and again
// every time one is started (a harvest, a test, an episode), so sources
// that were stored before a rule changed, or imported, obey it too.

/** A source the studio will not run or reach; the message says why. */
export class SourcePolicyError extends Refusal {}

export type McpPolicy = { commands: string[]; allowPrivate: boolean };

export function mcpPolicy(): McpPolicy {
  return { commands: env.STUDIO_MCP_COMMANDS, allowPrivate: env.STUDIO_MCP_ALLOW_PRIVATE === "1" };
}

/** Built-in servers (an installed package, run with the studio's own Node) are always allowed. */
export function checkStdioCommand(config: Pick<StdioConfig, "command" | "package">, policy = mcpPolicy()): void {
  if (config.package || config.command === process.execPath) return;
  if (config.command && policy.commands.includes(config.command)) return;
  throw new SourcePolicyError(
    `the command "${config.command}" is not one a stdio source may run here (allowed: ${policy.commands.join(", ") || "none"}; STUDIO_MCP_COMMANDS sets the list)`,
  );
}

// Without bubblewrap: a PID namespace of its own with a fresh /proc, so the
// server cannot see the studio's process and read the studio's environment
// through /proc/<pid>/environ. Where user namespaces are not available the
// server runs without it (it still gets only the minimal environment).
const UNSHARE = ["--user", "--map-current-user", "--pid", "--fork", "--mount-proc", "--kill-child"];
let isolation: boolean | undefined;

export function canIsolate(): boolean {
  isolation ??= spawnSync("unshare", [...UNSHARE, "--", "true"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return isolation;
}

export type StdioLaunch = { command: string; args: string[]; env: Record<string, string>; cwd?: string };

/** What an episode changes of a source's launch: its paths re-rooted into the episode's scratch folder. */
export type LaunchOverrides = { args?: string[]; env?: Record<string, string>; folders?: DeclaredFolders; cwd?: string };

/**
 * How to start a stdio source: its command checked, its environment only
 * PATH, HOME and what the source declares (never the studio's keys or
 * database URL), under bubblewrap with only its declared folders where the
 * machine has it (see bubblewrap.ts).
 */
export function stdioLaunch(config: StdioConfig, o: LaunchOverrides = {}, policy = mcpPolicy(), confine: McpConfinement = mcpConfinement()): StdioLaunch {
  checkStdioCommand(config, policy);
  const args = o.args ?? config.args;
  const cwd = o.cwd ?? config.cwd;
  const packageBin = config.package ? resolvePackageBin(config.package) : undefined;
  const command = config.package ? process.execPath : config.command!;
  const argv = packageBin ? [packageBin, ...args] : args;
  const base = Object.fromEntries(Object.entries({ PATH: env.PATH, HOME: env.HOME }).filter((e): e is [string, string] => e[1] !== undefined));
  const childEnv = { ...base, ...(o.env ?? config.env) };
  if (confine.kind === "bubblewrap") {
    const wrapped = bubblewrapArgs(confine.bwrap, {
      command,
      args: argv,
      folders: o.folders ?? config.folders,
      network: config.network,
      cwd,
      home: childEnv.HOME,
      pathEnv: childEnv.PATH,
      packageDir: packageBin,
    });
    return { ...wrapped, env: childEnv, ...(cwd ? { cwd } : {}) };
  }
  const launch = canIsolate() ? { command: "unshare", args: [...UNSHARE, "--", command, ...argv] } : { command, args: argv };
  return { ...launch, env: childEnv, ...(cwd ? { cwd } : {}) };
}
