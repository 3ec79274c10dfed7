import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";

// Built-in MCP servers are npm packages in the project's node_modules. They
// are started as `node <their bin script>` with the running Node, never
// through npx (which would reach for the network).

const manifestSchema = z.object({
  name: z.string(),
  bin: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
});

export class PackageNotInstalled extends Error {}

/** Absolute path of an installed package's executable script, looked up from `from` (the project root). */
export function resolvePackageBin(pkg: string, from = process.cwd()): string {
  const require = createRequire(path.join(from, "package.json"));
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new PackageNotInstalled(`The MCP server package ${pkg} is not installed in ${from}/node_modules (npm install -E ${pkg})`);
  }
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin && Object.values(manifest.bin)[0];
  if (!bin) throw new PackageNotInstalled(`The package ${pkg} has no executable (no "bin" in its package.json)`);
  return path.resolve(path.dirname(manifestPath), bin);
}
