import { spawnSync } from "node:child_process";
import { env } from "../../env";
import type { StdioConfig } from "../source-config";
import { resolvePackageBin } from "./resolve-package";

// What an MCP source may do, checked when a source is created and again
// every time one is started (a harvest, a test, an episode), so sources
// that were stored before a rule changed, or imported, obey it too.

/** A source the studio will not run or reach; the message says why. */
export class SourcePolicyError extends Error {}

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

// A PID namespace of its own with a fresh /proc: the server cannot see the
// studio's process, so it cannot read the studio's environment through
// /proc/<pid>/environ. Where user namespaces are not available the server
// runs without it (it still gets only the minimal environment).
const UNSHARE = ["--user", "--map-current-user", "--pid", "--fork", "--mount-proc", "--kill-child"];
let isolation: boolean | undefined;

export function canIsolate(): boolean {
  isolation ??= spawnSync("unshare", [...UNSHARE, "--", "true"], { stdio: "ignore", timeout: 5_000 }).status === 0;
  return isolation;
}

export type StdioLaunch = { command: string; args: string[]; env: Record<string, string> };

/**
 * How to start a stdio source: its command checked, its environment only
 * PATH, HOME and what the source declares (never the studio's keys or
 * database URL). `args` and `declaredEnv` default to the config's own (an
 * episode passes them re-rooted into its scratch folder).
 */
export function stdioLaunch(config: StdioConfig, args = config.args, declaredEnv = config.env, policy = mcpPolicy()): StdioLaunch {
  checkStdioCommand(config, policy);
  const command = config.package ? process.execPath : config.command!;
  const argv = config.package ? [resolvePackageBin(config.package), ...args] : args;
  const base = Object.fromEntries(Object.entries({ PATH: env.PATH, HOME: env.HOME }).filter((e): e is [string, string] => e[1] !== undefined));
  const childEnv = { ...base, ...declaredEnv };
  return canIsolate() ? { command: "unshare", args: [...UNSHARE, "--", command, ...argv], env: childEnv } : { command, args: argv, env: childEnv };
}
