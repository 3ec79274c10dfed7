import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { putArtifact, readArtifact } from "../artifacts/store";
import { withDb, type CliDeps } from "../cli";
import type { Db, Run } from "../db/client";
import { EXIT_PARTIAL } from "../jobs/exit-code";
import { startAndFollow, withQueue, type StudioQueue } from "../jobs/follow";
import { describeIssues } from "./formats/errors";
import { exportConfigSchema, importConfigSchema } from "./config";
import { datasetFiles } from "./files";
import { uploadName } from "./upload";
import { dataDir, PRIVATE_FILE, privateDir } from "./paths";
import { checkDatasetVersion } from "./templates/check";
import { CHECK_HELP, checkNamedVersion, reportCheck, templateForCheck } from "./templates/cli";

// `npm run studio -- export|import`: the same runs the Datasets page starts,
// queued and worked in this process, so the command ends when the work does.

export { EXIT_PARTIAL };

export const EXPORT_HELP = `usage: npm run studio -- export --name NAME [--format openai|trl|sharegpt|react]
       [--verdict accepted|rejected|any] [--run ID]… [--agent ID]… [--id ID]… [--task-success MIN-MAX]
       [--validation FRACTION] [--seed TEXT] [--dedup] [--json]
       [--check --template FILE|ORG/MODEL]   render every record through a chat template; exits 1 when any fails`;
export const IMPORT_HELP = `usage: npm run studio -- import FILE [--json]
  FILE: JSON Lines or one JSON document (an array of records, an object holding them, or one trajectory)
  in OpenAI, TRL, ShareGPT, τ-bench, τ², ToolBench, SWE-agent or OpenHands shape.
  Exits 0 when every record was imported (or was already in the studio), 3 when some could not be, 1 when none was.`;

/** "0.2-0.8" → { min: 0.2, max: 0.8 } (checked by the config's schema) */
function successBand(text: string | undefined): { min: number; max: number } | undefined {
  if (text === undefined) return undefined;
  const [min, max] = text.split("-").map(Number);
  return { min, max };
}

export async function exportCommand(args: string[], deps: CliDeps = {}) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      format: { type: "string", default: "openai" },
      verdict: { type: "string", default: "accepted" },
      run: { type: "string", multiple: true, default: [] },
      agent: { type: "string", multiple: true, default: [] },
      id: { type: "string", multiple: true, default: [] },
      "task-success": { type: "string" },
      validation: { type: "string", default: "0" },
      seed: { type: "string" },
      dedup: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      template: { type: "string" },
    },
  });
  if (values.check !== (values.template !== undefined)) throw new Error(`--check and --template go together\n${EXPORT_HELP}`);
  const parsed = exportConfigSchema.safeParse({
    name: values.name,
    format: values.format,
    filter: { verdict: values.verdict, runIds: values.run, agentIds: values.agent, ids: values.id, taskSuccess: successBand(values["task-success"]) },
    validationFraction: Number(values.validation),
    seed: values.seed,
    dedup: values.dedup,
  });
  if (!parsed.success) throw new Error(`${describeIssues(parsed.error)}\n${EXPORT_HELP}`);
  const print = deps.print ?? console.log;
  // a template that cannot be had or read stops the command before anything is exported
  const template = values.template === undefined ? null : await templateForCheck(values.template, parsed.data.format);

  return withQueue(deps, async (studio) => {
    const { db } = studio;
    const run = await runStage(studio, "export", parsed.data, values.json);
    const dataset = await db.dataset.findFirst({ where: { runId: run.id } });
    const check = template && dataset ? await checkDatasetVersion(db, dataset.id, template) : null;
    const dir = dataset?.path ? await copyDatasetFiles(db, dataset.id, dataset.path) : null;
    const summary = {
      runId: run.id,
      status: run.status,
      datasetId: dataset?.id ?? null,
      name: dataset?.name,
      version: dataset?.version,
      records: dataset?.count ?? 0,
      dir,
      message: run.message,
      ...(check ? { check } : {}),
    };
    if (values.json) print(JSON.stringify(summary));
    else if (summary.dir) print(`files: ${summary.dir}`);
    if (check) reportCheck(check, deps, values.json);
    return summary;
  });
}

export async function importCommand(args: string[], deps: CliDeps = {}) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  if (positionals.length !== 1) throw new Error(IMPORT_HELP);
  const print = deps.print ?? console.log;

  return withQueue(deps, async (studio) => {
    const config = importConfigSchema.parse({ artifactId: (await storeUpload(studio.db, positionals[0])).id, name: uploadName(positionals[0]) });
    const run = await runStage(studio, "import", config, values.json);
    const errors = (Array.isArray(run.errors) ? run.errors : []) as { key: string; message: string }[];
    const summary = { runId: run.id, status: run.status, records: run.total, imported: run.done, failed: run.failed, message: run.message, errors };
    if (values.json) print(JSON.stringify(summary));
    else {
      for (const e of errors) print(`  ${e.key}: ${e.message}`);
      if (run.failed > errors.length) print(`  … and ${run.failed - errors.length} more`);
    }
    return summary;
  });
}

/** `check-template`: renders every record of a written dataset version through a chat template. */
export async function checkTemplateCommand(args: string[], deps: CliDeps = {}) {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: "string" },
      version: { type: "string" },
      template: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return void (deps.print ?? console.log)(CHECK_HELP);
  const version = values.version === undefined ? undefined : Number(values.version);
  if (!values.dataset || !values.template || (version !== undefined && !(Number.isInteger(version) && version > 0))) throw new Error(CHECK_HELP);
  const { dataset: name, template: spec, json } = values;
  const print = deps.print ?? console.log;
  return withDb(deps, async (db) => {
    const { dataset, result } = await checkNamedVersion(db, name, version, spec);
    print(json ? JSON.stringify({ dataset: name, version: dataset.version, ...result }) : `${name} v${dataset.version} (${dataset.format}):`);
    reportCheck(result, deps, json);
    return result;
  });
}

/** A local file given to `import`, stored as an upload the import run reads and then removes. */
async function storeUpload(db: Db, file: string) {
  const input = createReadStream(file);
  // opened before anything is stored, so a missing file stores nothing
  await new Promise<void>((resolve, reject) => input.once("open", () => resolve()).once("error", reject)).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === "ENOENT" ? `No such file: ${file}` : e.message);
  });
  return putArtifact(db, { kind: "upload", name: uploadName(file) }, input);
}

/**
 * Writes a dataset version's stored files to `rel` (exports/<name>/v<version>)
 * in this machine's data folder, open to the studio's user only, and returns
 * that folder: the command leaves the files where its user can take them.
 */
export async function copyDatasetFiles(db: Db, datasetId: string, rel: string, root = dataDir()): Promise<string> {
  const dir = path.join(root, rel);
  await privateDir(dir, root);
  for (const f of await datasetFiles(db, datasetId)) {
    await pipeline(await readArtifact(db, f.artifactId), createWriteStream(path.join(dir, path.basename(f.name)), { ...PRIVATE_FILE, flags: "w" }));
  }
  return dir;
}

/** Starts an export or import run and follows it (lib/jobs/follow.ts); its progress goes to stderr under --json, to the output otherwise. */
async function runStage(studio: StudioQueue, kind: "export" | "import", config: object, json: boolean): Promise<Run> {
  const print = json ? console.error : (studio.print ?? console.log);
  const run = await startAndFollow(kind, config, {}, { deps: studio, log: (line) => print(`[studio] ${line}`) });
  // a run whose items failed is reported item by item by the caller; one that failed as a whole is an error
  if (run.status !== "succeeded" && run.failed === 0) throw new Error(`${kind} ${run.status}: ${run.message ?? "no message"}`);
  return run;
}
