import { renderReactStep } from "../../simulation/react";
import { trajectoryDocSchema, type TrajectoryDoc } from "../../trajectory/types";

// A ReAct trajectory as interactive simulation stores it: the protocol text as
// each step's content, the thought also at the end of `reasoning` (as steps
// stored before it was kept once), one call parsed from the text, `finish`
// ending each of the agent's turns. The agent greets before the user speaks,
// and the user speaks twice more.

const step = (thought: string, toolName: string, args: unknown, rawArguments: string, id: string, reasoning: string | null = thought) => ({
  role: "assistant",
  content: renderReactStep({ thought, toolName, args }).replace(JSON.stringify(args), rawArguments),
  reasoning,
  toolCalls: [{ id, name: toolName, arguments: args, rawArguments }],
});

export const reactDoc: TrajectoryDoc = trajectoryDocSchema.parse({
  tools: [
    {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string" } }, required: ["city"] },
    },
  ],
  messages: [
    { role: "system", content: "You are a weather assistant." },
    step("Greet the user.", "finish", { answer: "Hello! Which city?" }, '{"answer": "Hello! Which city?"}', "react_1"),
    { role: "user", content: "Paris, please." },
    step(
      "Look up Paris.",
      "get_weather",
      { city: "Paris", unit: "c" },
      '{"unit": "c", "city": "Paris"}',
      "react_3",
      "The model's own reasoning.\n\nLook up Paris.",
    ),
    { role: "tool", content: '{"temp":21}', toolCallId: "react_3", toolName: "get_weather" },
    step("Answer.", "finish", { answer: "21°C in Paris." }, '{"answer": "21°C in Paris."}', "react_5"),
    { role: "user", content: "Thanks!" },
    step("Say goodbye.", "finish", { answer: "You're welcome." }, '{"answer": "You\'re welcome."}', "react_7"),
  ],
});
