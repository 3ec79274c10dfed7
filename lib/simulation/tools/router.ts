import type { ToolCall, Violation } from "../../trajectory/types";
import { schemaErrors } from "../validation";
import type { Executor, SimTool, ToolBackend, ToolCallContext, ToolResult } from "./types";

// Sends each of the agent's tool calls to the backend that executes it, after
// checking it: a call to a tool the agent does not have, or with arguments
// that do not parse or do not fit the tool's schema, gets an error result the
// agent can read, and a violation on the step that made the call.

export type CheckedCall = { call: ToolCall; tool: SimTool | null; violation: Violation | null; error: string | null };

export type ToolRouter = {
  tools: ReadonlyMap<string, SimTool>;
  check(call: ToolCall): CheckedCall;
  execute(checked: CheckedCall, ctx: Omit<ToolCallContext, "tools">): Promise<ToolResult>;
  close(): Promise<void>;
};

export function createToolRouter(tools: SimTool[], backends: Partial<Record<Executor, ToolBackend>>): ToolRouter {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const names = tools.map((t) => t.name).join(", ");
  return {
    tools: byName,
    check(call) {
      const tool = byName.get(call.name) ?? null;
      if (!tool) {
        const message = `${call.name} is not one of the agent's tools`;
        return { call, tool, violation: { code: "unknown_tool", message }, error: `Unknown tool "${call.name}". Available tools: ${names || "none"}.` };
      }
      if (call.argumentsError) {
        const message = `the arguments of ${call.name} could not be parsed: ${call.argumentsError}`;
        return {
          call,
          tool,
          violation: { code: "unparseable_arguments", message },
          error: `Could not parse the arguments for ${call.name}: ${call.argumentsError}. Send a JSON object.`,
        };
      }
      const problems = schemaErrors(tool.parameters, call.arguments ?? {});
      if (problems) {
        return {
          call,
          tool,
          violation: { code: "invalid_arguments", message: `the arguments of ${call.name} do not fit its schema: ${problems}` },
          error: `Invalid arguments for ${call.name}: ${problems}`,
        };
      }
      return { call, tool, violation: null, error: null };
    },
    async execute(checked, ctx) {
      if (checked.error || !checked.tool) {
        return { content: JSON.stringify({ error: checked.error ?? "invalid call" }), isError: true, injectedFailure: null };
      }
      const backend = backends[checked.tool.executor];
      if (!backend) throw new Error(`no ${checked.tool.executor} backend for tool ${checked.tool.name}`);
      return backend.call(checked.tool, checked.call.arguments ?? {}, { ...ctx, tools: byName });
    },
    async close() {
      await Promise.all(Object.values(backends).map((b) => b?.close?.()));
    },
  };
}
