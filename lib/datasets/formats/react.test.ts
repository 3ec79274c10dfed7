import { describe, expect, it } from "vitest";
import { endsOnCallDoc, weatherDoc } from "../testing/sample-docs";
import { reactFormat } from "./react";

describe("ReAct text protocol", () => {
  it("writes DSPy's numbered trajectory, one tool per step, each reply a finish step the user answers", () => {
    const record = reactFormat.toRecord(weatherDoc) as { question: string; trajectory: Record<string, unknown>; answer: string; text: string };
    expect(record.question).toBe("Weather in Paris and Oslo?");
    expect(record.trajectory).toMatchObject({
      thought_0: "Let me check both cities.",
      tool_name_0: "get_weather",
      tool_args_0: { city: "Paris" },
      observation_0: '{"temp":21,"sky":"clear"}',
      thought_1: "",
      tool_name_1: "get_weather",
      tool_args_1: { city: "Oslo", unit: "c" },
      observation_1: "Oslo: 4 degrees, light rain",
      tool_name_2: "finish",
      tool_args_2: { answer: "Paris is 21°C and clear; Oslo is 4°C with light rain." },
      observation_2: "Book a table for 2 at Chez Marie.",
      tool_name_3: "book_table",
      observation_3: '{"confirmation":"CM-42"}',
      tool_name_4: "finish",
      tool_args_4: { answer: "Booked: confirmation CM-42." },
      observation_4: "Completed.",
    });
    expect(Object.keys(record.trajectory)).toHaveLength(20);
    expect(record.answer).toBe("Booked: confirmation CM-42.");
    expect(record.text).toContain('[[ ## tool_args_0 ## ]]\n{"city":"Paris"}');
    expect(reactFormat.validate(record)).toEqual([]);
  });

  it("an episode that ends on a call has no observation for it and no finish: it is not a valid record", () => {
    const record = reactFormat.toRecord(endsOnCallDoc);
    expect(reactFormat.validate(record)).toEqual([
      "trajectory.observation_0: the call of get_weather has no observation",
      "the trajectory does not end with finish",
    ]);
  });
});
