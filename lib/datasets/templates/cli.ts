import type { Db } from "../../db/client";
import type { CliDeps } from "../../cli";
import { formatIdSchema, type FormatId } from "../formats";
import { checkDatasetVersion, type CheckResult } from "./check";
import { assertChatFormat } from "./records";
import { parseAll } from "./render";
import { loadChatTemplate, type ChatTemplate } from "./source";

/** Exit code when some records of a dataset version do not render through the chat template. */
export const EXIT_CHECK_FAILED = 1;

export const CHECK_HELP = `usage: npm run studio -- check-template --dataset NAME [--version N] --template FILE|ORG/MODEL [--json]
  FILE is a .jinja template (special tokens from a tokenizer_config.json beside it) or a tokenizer_config.json;
  ORG/MODEL is fetched from the Hugging Face hub (HF_ENDPOINT, HF_TOKEN) when the machine is online.`;

/** The template named on the command line, read and parsed before any work is done with it. */
export async function templateForCheck(spec: string, format: FormatId): Promise<ChatTemplate> {
  assertChatFormat(format);
  const template = await loadChatTemplate(spec);
  parseAll(template);
  return template;
}

/** Prints each refused record and a summary; sets the failing exit code when any record fails. */
export function reportCheck(result: CheckResult, deps: CliDeps, json: boolean) {
  if (!json) {
    const print = deps.print ?? console.log;
    for (const f of result.failures) print(`  ${f.file}:${f.line} ${f.kind}: ${f.message}`);
    if (result.failed > result.failures.length) print(`  … and ${result.failed - result.failures.length} more`);
    print(`Checked ${result.checked} records against ${result.template}: ${result.failed ? `${result.failed} fail` : "all render"}.`);
  }
  if (result.failed > 0) (deps.setExitCode ?? ((c) => (process.exitCode = c)))(EXIT_CHECK_FAILED);
}

/** Renders every record of the newest (or the given) written version of dataset `name` through a chat template. */
export async function checkNamedVersion(db: Db, name: string, version: number | undefined, spec: string) {
  const dataset = await db.dataset.findFirst({ where: { name, path: { not: null }, ...(version ? { version } : {}) }, orderBy: { version: "desc" } });
  if (!dataset) throw new Error(`No written dataset version ${name}${version ? ` v${version}` : ""}`);
  const template = await templateForCheck(spec, formatIdSchema.parse(dataset.format));
  return { dataset, result: await checkDatasetVersion(db, dataset.id, template) };
}
