import { trajectoryDocSchema, type TrajectoryDoc } from "../../trajectory/types";

// Trajectories that exercise every shape a format must carry: parallel calls,
// text beside calls, a result that is not JSON, reasoning, a second user turn,
// and an episode that ends on a call with no result.

const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"] },
};
const bookTool = {
  name: "book_table",
  description: "Books a restaurant table",
  parameters: { type: "object", properties: { restaurant: { type: "string" }, people: { type: "integer" } }, required: ["restaurant"] },
};

export const weatherDoc: TrajectoryDoc = trajectoryDocSchema.parse({
  tools: [weatherTool, bookTool],
  messages: [
    { role: "system", content: "You are a travel assistant." },
    { role: "user", content: "Weather in Paris and Oslo?" },
    {
      role: "assistant",
      content: "Let me check both cities.",
      reasoning: "Two independent lookups: call them in parallel.",
      toolCalls: [
        { id: "call_a", name: "get_weather", arguments: { city: "Paris" } },
        { id: "call_b", name: "get_weather", arguments: { city: "Oslo", unit: "c" } },
      ],
    },
    { role: "tool", content: '{"temp":21,"sky":"clear"}', toolCallId: "call_a", toolName: "get_weather" },
    { role: "tool", content: "Oslo: 4 degrees, light rain", toolCallId: "call_b", toolName: "get_weather" },
    { role: "assistant", content: "Paris is 21°C and clear; Oslo is 4°C with light rain." },
    { role: "user", content: "Book a table for 2 at Chez Marie." },
    { role: "assistant", content: null, toolCalls: [{ id: "call_c", name: "book_table", arguments: { restaurant: "Chez Marie", people: 2 } }] },
    { role: "tool", content: '{"confirmation":"CM-42"}', toolCallId: "call_c", toolName: "book_table" },
    { role: "assistant", content: "Booked: confirmation CM-42." },
  ],
});

export const endsOnCallDoc: TrajectoryDoc = trajectoryDocSchema.parse({
  tools: [weatherTool],
  messages: [
    { role: "user", content: "Is it raining in Lima?" },
    { role: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Lima" } }] },
  ],
});

const flightTool = {
  name: "search_flights",
  description: "Flights between two airports on a date",
  parameters: {
    type: "object",
    properties: { origin: { type: "string" }, destination: { type: "string" }, date: { type: "string" } },
    required: ["origin", "destination", "date"],
  },
};

/** Arguments as a model wrote them: keys not in jsonb's order, pretty-printed, a number spelled 2.50. */
export const PRETTY_ARGS = '{\n  "origin": "SFO",\n  "destination": "JFK",\n  "date": "2026-12-24"\n}';
export const ORDERED_ARGS = '{"origin": "OSL", "destination": "CDG", "date": "2026-12-26", "max_price": 2.50}';

/** A native trajectory with two parallel calls whose arguments were written in the model's own spelling. */
export const flightsDoc: TrajectoryDoc = trajectoryDocSchema.parse({
  tools: [flightTool],
  messages: [
    { role: "system", content: "You book flights." },
    { role: "user", content: "Flights SFO to JFK on Christmas Eve, and Oslo to Paris two days later?" },
    {
      role: "assistant",
      content: null,
      reasoning: "Two searches, in parallel.",
      toolCalls: [
        { id: "call_2_0", name: "search_flights", arguments: { date: "2026-12-24", origin: "SFO", destination: "JFK" }, rawArguments: PRETTY_ARGS },
        {
          id: "call_2_1",
          name: "search_flights",
          arguments: { date: "2026-12-26", origin: "OSL", max_price: 2.5, destination: "CDG" },
          rawArguments: ORDERED_ARGS,
        },
      ],
    },
    { role: "tool", content: '[{"flight":"UA 1"}]', toolCallId: "call_2_0", toolName: "search_flights" },
    { role: "tool", content: '[{"flight":"AF 2"}]', toolCallId: "call_2_1", toolName: "search_flights" },
    { role: "assistant", content: "UA 1 on the 24th, AF 2 on the 26th." },
  ],
});
