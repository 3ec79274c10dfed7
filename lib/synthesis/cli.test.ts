import { describe, expect, it } from "vitest";
import { parseFlags } from "./cli";
import { taskSynthesisConfig } from "./config";

describe("synthesis CLI flags", () => {
  it("turn into a stage config the stage's schema accepts", () => {
    const flags = parseFlags(["--per-agent", "3", "--difficulties", "single_call,refusal", "--no-cache", "--seed", "7", "--agent-ids", "a1, a2"]);
    expect(flags).toEqual({ perAgent: 3, difficulties: ["single_call", "refusal"], cache: false, seed: 7, agentIds: ["a1", "a2"] });
    expect(taskSynthesisConfig.parse(flags)).toMatchObject({ perAgent: 3, cache: false, seed: 7, batch: false });
    expect(taskSynthesisConfig.parse(parseFlags(["--batch"]))).toMatchObject({ batch: true });
  });

  it("leave bad values to the schema, which names the field", () => {
    const parsed = taskSynthesisConfig.safeParse(parseFlags(["--per-agent", "lots"]));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["perAgent"]);
  });

  it("refuse stray arguments", () => {
    expect(() => parseFlags(["oops"])).toThrow(/unexpected argument/);
  });
});
