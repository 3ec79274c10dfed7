import { exportCommand, importCommand } from "../lib/datasets/cli";
import { migrateCommand, startCommand, statusCommand, workerCommand } from "./core-commands";

export type Command = { summary: string; run(args: string[]): Promise<unknown> };

// `npm run studio -- <name> [args]`. A stage adds its commands here.
export const commands: Record<string, Command> = {
  start: { summary: "start the studio: database, migrations, web server on PORT (3000) and a worker", run: startCommand },
  worker: { summary: "start a worker that takes runs from the queue (run several, on any machine)", run: workerCommand },
  migrate: { summary: "apply pending database migrations", run: migrateCommand },
  status: { summary: "show the database, migrations, users and runs", run: statusCommand },
  export: { summary: "export trajectories as a dataset version (--help for formats and filters)", run: exportCommand },
  import: { summary: "import trajectories from a JSONL file (OpenAI, TRL, ShareGPT)", run: importCommand },
};
