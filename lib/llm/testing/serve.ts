// The test server as a process of its own: `node --import tsx lib/llm/testing/serve.ts`
// prints {"url": …} on its first line and serves until stdin closes. Benchmarks
// use it so the server does not share the measured process's CPU. A JSON
// argument sets the dialect it speaks (see Dialect), e.g. '{"toolCallIds":"kimi"}'.
import { startOpenAiTestServer, type Dialect } from "./openai-server";

const dialect = process.argv[2] ? (JSON.parse(process.argv[2]) as Dialect) : undefined;
const server = await startOpenAiTestServer({ latencyMs: 0, dialect });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
