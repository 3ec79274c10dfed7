import { describe, expect, it } from "vitest";
import { endsOnCallDoc, weatherDoc } from "../testing/sample-docs";
import { reactFormat } from "./react";

describe("ReAct text protocol", () => {
  it("writes DSPy's numbered trajectory, one tool per step, ending in finish", () => {
    const record = reactFormat.toRecord(weatherDoc) as { question: string; trajectory: Record<string, unknown>; answer: string; text: string };
    expect(record.question).toBe("Weather in Paris and Oslo?");
    expect(record.trajectory).toMatchObject({
      thought_0: "Two independent lookups: call them in parallel.",
      tool_name_0: "get_weather",
      tool_args_0: { city: "Paris" },
      observation_0: '{"temp":21,"sky":"clear"}',
      thought_1: "",
      tool_name_1: "get_weather",
      tool_args_1: { city: "Oslo", unit: "c" },
      observation_1: "Oslo: 4 degrees, light rain",
      tool_name_2: "respond_to_user",
      tool_args_2: { message: "Paris is 21°C and clear; Oslo is 4°C with light rain." },
      observation_2: "Book a table for 2 at Chez Marie.",
      tool_name_3: "book_table",
      observation_3: '{"confirmation":"CM-42"}',
      tool_name_4: "finish",
      tool_args_4: {},
      observation_4: "Completed.",
    });
    expect(Object.keys(record.trajectory)).toHaveLength(20);
    expect(record.answer).toBe("Booked: confirmation CM-42.");
    expect(record.text).toContain('[[ ## tool_args_0 ## ]]\n{"city":"Paris"}');
  });

  it("an episode that ends on a call still finishes, with an empty observation for the call", () => {
    const record = reactFormat.toRecord(endsOnCallDoc) as { trajectory: Record<string, unknown>; answer: string };
    expect(record.trajectory).toEqual({
      thought_0: "", tool_name_0: "get_weather", tool_args_0: { city: "Lima" }, observation_0: "",
      thought_1: "", tool_name_1: "finish", tool_args_1: {}, observation_1: "Completed.",
    });
    expect(record.answer).toBe("");
  });
});
