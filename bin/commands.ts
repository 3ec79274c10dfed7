import { importToolsCommand } from "../lib/catalog/cli";
import { checkTemplateCommand, exportCommand, importCommand } from "../lib/datasets/cli";
import { demoCommand } from "../lib/demo/cli";
import { migrateCommand, startCommand, statusCommand, workerCommand } from "./core-commands";
import { synthesisCommands } from "../lib/synthesis/cli";
import { simulationCommands } from "../lib/simulation/cli";
import { judgeCommand } from "../lib/judge/cli";
import { retryAndFollow } from "../lib/jobs/follow";

export type Command = { summary: string; run(args: string[]): Promise<unknown> };

// `npm run studio -- <name> [args]`. A stage adds its commands here.
export const commands: Record<string, Command> = {
  start: { summary: "start the studio: database, migrations, web server on PORT (3000) and a worker", run: startCommand },
  worker: { summary: "start a worker that takes runs from the queue (run several, on any machine)", run: workerCommand },
  migrate: { summary: "apply pending database migrations", run: migrateCommand },
  status: { summary: "show the database, migrations, users and runs", run: statusCommand },
  export: { summary: "export trajectories as a dataset version (--help for formats and filters)", run: exportCommand },
  import: { summary: "import trajectories from a JSONL file (OpenAI, TRL, ShareGPT)", run: importCommand },
  "check-template": { summary: "render every record of a dataset version through a model's chat template (.jinja, tokenizer_config.json or ORG/MODEL)", run: checkTemplateCommand },
  "import-tools": { summary: "import tool definitions from a file or folder into a file source", run: importToolsCommand },
  demo: { summary: "build the demo workspace on the offline provider (--reset clears the pipeline's data first)", run: demoCommand },
  ...synthesisCommands,
  ...simulationCommands,
  retry: {
    summary: "retry <runId>: send a finished run's failed items back to the queue and follow the run",
    run: async ([runId, ...rest]) => {
      if (!runId || runId.startsWith("-") || rest.length) throw new Error("usage: retry <runId>");
      await retryAndFollow(runId);
    },
  },
  judge: { summary: "judge trajectories: --run <id> | --ids a,b | --unjudged, --samples N, --min-score X; --calibration prints agreement with people", run: judgeCommand },
};
