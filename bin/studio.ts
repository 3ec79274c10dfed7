#!/usr/bin/env -S npx tsx

type Commands = typeof import("./commands").commands;

function usage(commands: Commands) {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ["usage: npm run studio -- <command> [options]", "", ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`)].join("\n");
}

async function main() {
  const { nodeVersionProblem } = await import("./node-version");
  const { readFileSync } = await import("node:fs");
  const engines = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).engines?.node ?? "";
  const tooOld = nodeVersionProblem(process.version, engines);
  if (tooOld) throw new Error(tooOld);
  // Imported here so that a bad environment is reported like any other error.
  const { commands } = await import("./commands");
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(usage(commands));
    return;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage(commands)}`);
    process.exit(2);
  }
  if (args.includes("--help") || args.includes("-h")) {
    console.log(command.help ?? `usage: npm run studio -- ${name} [options]\n  ${command.summary}`);
    return;
  }
  await command.run(args);
}

// Errors a user can cause (bad DATABASE_URL, port in use …) print as one line, not a stack trace.
main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.STUDIO_DEBUG) console.error(e);
  process.exit(1);
});
