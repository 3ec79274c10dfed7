import { importToolsCommand } from "../lib/catalog/cli";
import { checkTemplateCommand, EXPORT_HELP, exportCommand, IMPORT_HELP, importCommand } from "../lib/datasets/cli";
import { catalogCommands, IMPORT_SERVERS_HELP, IMPORT_TOOLS_HELP, importServersCommand, REGISTRY_HELP, registryCommand } from "../lib/catalog/cli";
import { demoCommand } from "../lib/demo/cli";
import { migrateCommand, startCommand, statusCommand, workerCommand } from "./core-commands";
import { synthesisCommands } from "../lib/synthesis/cli";
import { simulationCommands } from "../lib/simulation/cli";
import { judgeCommand, JUDGE_USAGE, reportCommand } from "../lib/judge/cli";
import { REPORT_USAGE } from "../lib/judge/report";
import { splitBudgetFlags } from "../lib/jobs/budget-schema";
import { retryAndFollow } from "../lib/jobs/follow";
import { parseFlags } from "../lib/synthesis/cli";

/** `help`: what `<command> --help` prints (the summary when there is none). */
export type Command = { summary: string; help?: string; run(args: string[]): Promise<unknown> };

// `npm run studio -- <name> [args]`. A stage adds its commands here.
export const commands: Record<string, Command> = {
  start: { summary: "start the studio: database, migrations, web server on PORT (3000) and a worker", run: startCommand },
  worker: { summary: "start a worker that takes runs from the queue (run several, on any machine)", run: workerCommand },
  migrate: { summary: "apply pending database migrations", run: migrateCommand },
  status: { summary: "show the database, migrations, users and runs", run: statusCommand },
  export: { summary: "export trajectories as a dataset version (--help for formats and filters)", help: EXPORT_HELP, run: exportCommand },
  import: {
    summary: "import trajectories from a JSONL or JSON file (OpenAI, TRL, ShareGPT, τ-bench, τ², ToolBench, SWE-agent, OpenHands)",
    help: IMPORT_HELP,
    run: importCommand,
  },
  "check-template": {
    summary: "render every record of a dataset version through a model's chat template (.jinja, tokenizer_config.json or ORG/MODEL)",
    run: checkTemplateCommand,
  },
  "import-tools": { summary: "import tool definitions from a file or folder into a file source", help: IMPORT_TOOLS_HELP, run: importToolsCommand },
  "import-servers": {
    summary: "add and harvest every MCP server of a Claude Desktop / Cursor (mcpServers) or VS Code (servers) configuration",
    help: IMPORT_SERVERS_HELP,
    run: importServersCommand,
  },
  registry: {
    summary: "browse the MCP registry's servers (--search, --cursor) and add some as sources (--add NAME,...)",
    help: REGISTRY_HELP,
    run: registryCommand,
  },
  ...catalogCommands,
  demo: { summary: "build the demo workspace on the offline provider (--reset clears the pipeline's data first)", run: demoCommand },
  ...synthesisCommands,
  ...simulationCommands,
  retry: {
    summary:
      "retry <runId> [--budget-usd N] [--budget-tokens N]: send a finished run's failed items back to the queue, or resume one paused at its budget with a higher cap, and follow the run",
    run: async ([runId, ...rest]) => {
      if (!runId || runId.startsWith("-")) throw new Error("usage: retry <runId> [--budget-usd N] [--budget-tokens N]");
      const { budget, config } = splitBudgetFlags(parseFlags(rest));
      if (Object.keys(config as object).length) throw new Error("usage: retry <runId> [--budget-usd N] [--budget-tokens N]");
      await retryAndFollow(runId, budget);
    },
  },
  judge: {
    summary: "judge trajectories: --run <id> | --ids a,b | --unjudged, --samples N, --min-score X; --calibration prints agreement with people",
    help: `usage: npm run studio -- ${JUDGE_USAGE}`,
    run: judgeCommand,
  },
  report: {
    summary: "report --json: the workspace as one JSON object (stages, verdicts, blame, state layer, pass^k, agreement)",
    help: `usage: npm run studio -- ${REPORT_USAGE}`,
    run: reportCommand,
  },
};
