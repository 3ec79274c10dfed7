// Generates the Prisma client. Prisma's CLI looks for its schema-engine binary
// (downloading it when missing) even though `generate` never runs it; pointing
// it at any existing file keeps the install offline-friendly.
import { spawnSync } from "node:child_process";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
