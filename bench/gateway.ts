// The gateway's cost over calling the endpoint directly with the same
// `openai` client, against the local test server (its own process) with zero
// latency. Run alone with `npx tsx bench/gateway.ts`, or through `npm run bench`.
import { AsyncLocalStorage } from "node:async_hooks";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import OpenAI from "openai";
import { createDb, db, type Db } from "../lib/db/client";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { env } from "../lib/env";
import { createGateway } from "../lib/llm/gateway";
import { median } from "./report";
import type { BenchFigure } from "./types";

const CONCURRENCY = [1, 16, 256];
/** Calls per side at each concurrency, spread over the rounds. */
const CALLS: Record<number, number> = { 1: 600, 16: 1600, 256: 3072 };
const ROUNDS = 6;
const WARMUP_CALLS = 300;

type Sample = { callsPerSecond: number; ownMs: number };

// Each call's time inside fetch (the server's share, transport included), so
// what is left is the time spent in the caller's own code.
const fetchTime = new AsyncLocalStorage<{ ms: number }>();
const timedFetch: typeof fetch = async (input, init) => {
  const started = performance.now();
  try {
    return await fetch(input, init);
  } finally {
    const store = fetchTime.getStore();
    if (store) store.ms += performance.now() - started;
  }
};

/** `calls` calls from `concurrency` workers: the throughput, and the median time per call outside fetch. */
async function measure(calls: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<Sample> {
  const own: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const i = next++;
        const store = { ms: 0 };
        const t0 = performance.now();
        await fetchTime.run(store, () => call(i));
        own.push(performance.now() - t0 - store.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { callsPerSecond: calls / seconds, ownMs: median(own) };
}

/** The test server in a child process, so its work does not compete with what is measured. */
async function startServerProcess(): Promise<{ url: string; close: () => Promise<void> }> {
  const script = fileURLToPath(new URL("../lib/llm/testing/serve.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    close: async () => {
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}

export async function benchGateway(database: Db = db()): Promise<BenchFigure[]> {
  const server = await startServerProcess();
  try {
    const apiKey = "sk-bench";
    const client = new OpenAI({ apiKey, baseURL: server.url, maxRetries: 0, fetch: timedFetch });
    const gateway = createGateway({
      db: database,
      fetch: timedFetch,
      roles: { agent: { provider: "openai", baseUrl: server.url, apiKey, model: "bench-model", concurrency: 256, requestsPerMinute: 0, tokensPerMinute: 0 } },
    });
    const messages = (i: number) => [{ role: "user" as const, content: `Say hello to caller ${i}` }];
    const callDirect = (i: number) => client.chat.completions.create({ model: "bench-model", messages: messages(i), temperature: 0.7, max_tokens: 4096 });
    const callGateway = (i: number) => gateway.chat("agent", { messages: messages(i) }, { cache: false });

    await measure(WARMUP_CALLS, 16, callDirect);
    await measure(WARMUP_CALLS, 16, callGateway);

    const figures: BenchFigure[] = [];
    for (const c of CONCURRENCY) {
      // Short alternating rounds, compared round by round: a neighbour's load
      // then hits both sides alike instead of skewing one of them.
      const perRound = Math.max(c * 4, Math.round(CALLS[c] / ROUNDS));
      const rounds: { direct: Sample; gateway: Sample }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const direct = await measure(perRound, c, callDirect);
        const gateway = await measure(perRound, c, callGateway);
        rounds.push({ direct, gateway });
      }
      const gatewayRate = median(rounds.map((r) => r.gateway.callsPerSecond));
      const directRate = median(rounds.map((r) => r.direct.callsPerSecond));
      figures.push(
        { name: `calls/s through the gateway, concurrency ${c}`, value: gatewayRate, unit: "calls/s" },
        { name: `calls/s with the openai client directly, concurrency ${c}`, value: directRate, unit: "calls/s" },
        {
          name: `gateway throughput vs direct, concurrency ${c}`,
          value: median(rounds.map((r) => r.gateway.callsPerSecond / r.direct.callsPerSecond)),
          unit: "×",
          target: ">= 0.9",
        },
        {
          // The gateway's own time: its time outside fetch beyond what the bare client spends there.
          name: `gateway overhead per call (median), concurrency ${c}`,
          value: median(rounds.map((r) => r.gateway.ownMs - r.direct.ownMs)),
          unit: "ms",
          target: "< 2",
        },
      );
    }
    return figures;
  } finally {
    await server.close();
  }
}

async function standalone() {
  let pg: { url: string; stop: () => Promise<void> } | null = null;
  let tmp: string | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    tmp = mkdtempSync(path.join(os.tmpdir(), "studio-bench-gateway-"));
    chmodSync(tmp, 0o755);
    pg = await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), database: "bench", persistent: false });
    url = pg.url;
  }
  await migrate(url);
  const database = createDb(url);
  try {
    const figures = await benchGateway(database);
    console.table(figures.map((f) => ({ figure: f.name, value: Number(f.value.toFixed(f.value >= 100 ? 0 : 3)), unit: f.unit, target: f.target ?? "" })));
  } finally {
    await database.$disconnect();
    await pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  standalone().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
