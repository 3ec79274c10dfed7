import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "../env";

export const IMPORTS_DIR = "imports";
export const EXPORTS_DIR = "exports";

export function dataDir(): string {
  return path.resolve(env.STUDIO_DATA_DIR);
}

/**
 * A path inside the data folder, given relative to it or absolute. Anything
 * that resolves outside it is refused: run configs come from users, and the
 * server must only read what was put in its own folder.
 */
export function resolveInDataDir(given: string, root = dataDir()): string {
  const base = path.resolve(root);
  const full = path.resolve(base, given);
  const rel = path.relative(base, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`${given} is not inside the data folder ${base}`);
  return full;
}

/** Where one dataset version's files live, relative to the data folder. */
export function exportRelativeDir(name: string, version: number): string {
  return path.join(EXPORTS_DIR, name, `v${version}`);
}

/** Exports and imports are other people's data: files only the studio's user reads (see privateDir). */
export const PRIVATE_FILE = { mode: 0o600 } as const;

/**
 * Makes `dir` and the folders between `root` and it (exports/, imports/ …)
 * open to the studio's user only, including folders made before with wider modes.
 */
export async function privateDir(dir: string, root = dataDir()): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const rel = path.relative(path.resolve(root), path.resolve(dir));
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`${dir} is not inside the data folder ${root}`);
  const parts = rel.split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) await chmod(path.join(root, ...parts.slice(0, i)), 0o700);
}
