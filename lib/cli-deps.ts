import type { Db } from "./db/client";

/** What a CLI command may be given in place of the studio's own (tests): a database, where to print, how to set the exit code. */
export type CliDeps = {
  db?: Db;
  print?: (line: string) => void;
  setExitCode?: (code: number) => void;
};
