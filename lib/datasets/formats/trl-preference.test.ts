import { describe, expect, it } from "vitest";
import { trajectoryDocSchema, type TrajectoryDoc } from "../../trajectory/types";
import { flightsDoc, ORDERED_ARGS, weatherDoc } from "../testing/sample-docs";
import { preferenceRecord, type PreferenceRecord } from "./trl-preference";

const simulated = { imported: false, provider: "openai" };
const side = (doc: TrajectoryDoc) => ({ doc, source: simulated });
const doc = (tools: unknown[], messages: unknown[]) => trajectoryDocSchema.parse({ tools, messages });
/** The first `n` steps of `base`, then `rest`: a fork of `base` at step n. */
const fork = (base: TrajectoryDoc, n: number, rest: unknown[]) => doc(base.tools, [...base.messages.slice(0, n), ...rest]);

function pair(chosen: TrajectoryDoc, rejected: TrajectoryDoc) {
  const r: PreferenceRecord = preferenceRecord(side(chosen), side(rejected));
  if (!r.ok) throw new Error(`refused: ${r.reasons.join("; ")}`);
  return r;
}

describe("TRL conversational preference rows", () => {
  it("is the documented shape: TRL's own example comes out as its guide writes it", () => {
    // the conversational preference example of TRL's dataset-formats guide
    const published = {
      prompt: [{ role: "user", content: "What color is the sky?" }],
      chosen: [{ role: "assistant", content: "It is blue." }],
      rejected: [{ role: "assistant", content: "It is green." }],
    };
    const blue = doc(
      [],
      [
        { role: "user", content: "What color is the sky?" },
        { role: "assistant", content: "It is blue." },
      ],
    );
    const green = doc(
      [],
      [
        { role: "user", content: "What color is the sky?" },
        { role: "assistant", content: "It is green." },
      ],
    );
    const r = pair(blue, green);
    expect(JSON.parse(r.line)).toEqual({ ...published, tools: [] });
    expect(Object.keys(r.record)).toEqual(["prompt", "chosen", "rejected", "tools"]);
    expect(r.promptTurns).toBe(1);
  });

  it("the prompt is the common prefix up to the fork; the completions are each side's turns from there, with the tools column", () => {
    const declined = fork(weatherDoc, 7, [{ role: "assistant", content: "I cannot book tables." }]);
    const r = pair(weatherDoc, declined);
    const row = JSON.parse(r.line) as {
      prompt: { role: string }[];
      chosen: { role: string; tool_calls?: unknown[] }[];
      rejected: { role: string; content: string }[];
      tools: { function: { name: string } }[];
    };
    expect(row.prompt.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool", "assistant", "user"]);
    expect(row.chosen.map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);
    expect(row.chosen[0].tool_calls).toEqual([
      { id: "call_c", type: "function", function: { name: "book_table", arguments: { restaurant: "Chez Marie", people: 2 } } },
    ]);
    expect(row.rejected).toEqual([{ role: "assistant", content: "I cannot book tables." }]);
    expect(row.tools.map((t) => t.function.name)).toEqual(["get_weather", "book_table"]);
    // the other way round is the same pair with chosen and rejected swapped
    const back = JSON.parse(pair(declined, weatherDoc).line) as typeof row;
    expect([back.prompt, back.chosen, back.rejected]).toEqual([row.prompt, row.rejected, row.chosen]);
  });

  it("keeps the model's argument text byte for byte in the shared prompt and in the completions", () => {
    const other = fork(flightsDoc, 5, [{ role: "assistant", content: "Both flights are full." }]);
    const r = pair(flightsDoc, other);
    // prompt: the parallel calls as the model spelled them (2.50, its key order)
    expect(r.line).toContain(ORDERED_ARGS);
    expect(r.line.split(ORDERED_ARGS)).toHaveLength(2);
    expect(r.adjustments).toContain("arguments_on_one_line");
    // a fork whose own call differs carries its text in its completion only
    const spelled = '{"origin": "SFO", "destination": "JFK", "date": "2026-12-24", "max_price": 1e3}';
    const call = fork(flightsDoc, 2, [
      {
        role: "assistant",
        content: null,
        toolCalls: [
          {
            id: "call_x",
            name: "search_flights",
            arguments: { origin: "SFO", destination: "JFK", date: "2026-12-24", max_price: 1000 },
            rawArguments: spelled,
          },
        ],
      },
      { role: "tool", content: "[]", toolCallId: "call_x", toolName: "search_flights" },
      { role: "assistant", content: "Nothing found." },
    ]);
    const c = pair(call, flightsDoc);
    const row = JSON.parse(c.line) as { prompt: unknown[]; chosen: unknown[] };
    expect(row.prompt).toHaveLength(2);
    expect(c.line).toContain(`"arguments":${spelled}`);
  });

  it("a fork at a user turn starts both completions at the last shared assistant turn", () => {
    const otherAsk = fork(weatherDoc, 6, [
      { role: "user", content: "Thanks, that is all." },
      { role: "assistant", content: "Enjoy your trip!" },
    ]);
    const row = JSON.parse(pair(weatherDoc, otherAsk).line) as {
      prompt: unknown[];
      chosen: { role: string; content: string | null }[];
      rejected: { role: string; content: string | null }[];
    };
    expect(row.prompt).toHaveLength(5);
    expect(row.chosen[0]).toEqual(row.rejected[0]);
    expect(row.chosen[0].role).toBe("assistant");
    expect(row.rejected.map((m) => m.content)).toEqual(["Paris is 21°C and clear; Oslo is 4°C with light rain.", "Thanks, that is all.", "Enjoy your trip!"]);
  });

  it("refuses, with the reason, a pair with no common prefix, the same conversation twice, or different tools", () => {
    const elsewhere = doc(weatherDoc.tools, [weatherDoc.messages[0], { role: "user", content: "Weather in Rome?" }, { role: "assistant", content: "Sunny." }]);
    expect(preferenceRecord(side(weatherDoc), side(elsewhere))).toEqual({
      ok: false,
      reasons: ["no common prefix: the two trajectories part at step 1, before a user turn both answer"],
    });
    expect(preferenceRecord(side(weatherDoc), side(weatherDoc))).toEqual({
      ok: false,
      reasons: ["the two trajectories are the same conversation: there is nothing to prefer"],
    });
    const fewerTools = doc(weatherDoc.tools.slice(0, 1), weatherDoc.messages.slice(0, 6));
    expect(preferenceRecord(side(weatherDoc), side(fewerTools))).toMatchObject({ ok: false, reasons: [expect.stringMatching(/different tools/)] });
    // a side that is no valid TRL record is refused with that side's reasons
    const endsOnCall = fork(weatherDoc, 7, [
      { role: "assistant", content: null, toolCalls: [{ id: "call_z", name: "book_table", arguments: { restaurant: "X" } }] },
    ]);
    expect(preferenceRecord(side(weatherDoc), side(endsOnCall))).toEqual({
      ok: false,
      reasons: [
        "rejected: call call_z (book_table) is never answered by a tool message",
        "rejected: the conversation ends on a tool call, not on an assistant reply",
      ],
    });
  });
});
