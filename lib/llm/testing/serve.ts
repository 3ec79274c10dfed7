// The test server as a process of its own: `node --import tsx lib/llm/testing/serve.ts`
// prints {"url": …} on its first line and serves until stdin closes. Benchmarks
// use it so the server does not share the measured process's CPU.
import { startOpenAiTestServer } from "./openai-server";

const server = await startOpenAiTestServer({ latencyMs: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
