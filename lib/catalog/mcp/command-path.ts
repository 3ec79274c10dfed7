import { Refusal } from "../../actions/result";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";
import type { StdioConfig } from "../source-config";

/** A stdio source whose command is not an executable file on this machine: saving it is refused with this message. */
export class CommandNotFound extends Refusal {}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Where `command` would be started from, the way a shell looks it up: a path as given (relative to `cwd`), a bare name on PATH; null when nowhere. */
export async function findCommand(command: string, pathEnv = env.PATH ?? "", cwd = process.cwd()): Promise<string | null> {
  if (command.includes("/")) {
    const file = path.resolve(cwd, command);
    return (await isExecutableFile(file)) ? file : null;
  }
  for (const dir of pathEnv.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, command);
    if (await isExecutableFile(file)) return file;
  }
  return null;
}

/** Refuses a stdio source whose command cannot be found (built-in servers name a package and are not checked). */
export async function requireCommand(config: Pick<StdioConfig, "command" | "package" | "cwd">, pathEnv = env.PATH ?? ""): Promise<void> {
  if (config.package || !config.command) return;
  if (await findCommand(config.command, pathEnv, config.cwd)) return;
  throw new CommandNotFound(
    config.command.includes("/")
      ? `the command "${config.command}" does not exist on the studio's machine (or is not executable)`
      : `the command "${config.command}" was not found on the studio's machine (looked in PATH: ${pathEnv || "empty"})`,
  );
}
