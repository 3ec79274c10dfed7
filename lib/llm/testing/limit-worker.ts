// A worker process for the endpoint-limit tests: `node --import tsx
// lib/llm/testing/limit-worker.ts '<json>'` sends `calls` chat requests at once,
// spread over the agent, judge and user roles, all on one endpoint, and prints
// {"done": n} when they are answered.
import { z } from "zod";
import { createDb } from "../../db/client";
import { createGateway } from "../gateway";
import { TEST_API_KEY } from "./harness";

const args = z
  .object({
    databaseUrl: z.string(),
    schema: z.string(),
    baseUrl: z.string(),
    concurrency: z.number().int().min(1),
    calls: z.number().int().min(1),
    content: z.string(),
    leaseTiming: z.object({ ttlMs: z.number(), renewMs: z.number() }).optional(),
  })
  .parse(JSON.parse(process.argv[2] ?? "{}"));

const db = createDb(args.databaseUrl, { schema: args.schema, max: 3 });
const role = { provider: "openai" as const, baseUrl: args.baseUrl, apiKey: TEST_API_KEY, model: "test-model", concurrency: args.concurrency };
const gateway = createGateway({ db, roles: { agent: role, judge: role, user: role }, leaseTiming: args.leaseTiming, retry: { maxRetries: 0 } });
const roles = ["agent", "judge", "user"] as const;

const results = await Promise.all(
  Array.from({ length: args.calls }, (_, i) =>
    gateway.chat(roles[i % roles.length], { messages: [{ role: "user", content: `${args.content} ${i}` }] }, { cache: false }),
  ),
);
await gateway.flush();
process.stdout.write(`${JSON.stringify({ done: results.length })}\n`);
await db.$disconnect();
process.exit(0);
