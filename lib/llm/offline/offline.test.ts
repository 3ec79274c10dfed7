import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ProviderChatRequest } from "../provider";
import type { ChatMessage, ToolDefinition } from "../types";
import { cosine, createRng, fillFromJsonSchema, hintsFromText, offlineChat, offlineEmbedding } from ".";

const tools: ToolDefinition[] = [
  {
    name: "get_weather",
    description: "Current weather and forecast for a city",
    parameters: { type: "object", properties: { city: { type: "string" }, units: { type: "string", enum: ["metric", "imperial"] } }, required: ["city"] },
  },
  {
    name: "search_flights",
    description: "Search flights between two airports on a date",
    parameters: {
      type: "object",
      properties: {
        from: { type: "string", pattern: "^[A-Z]{3}$" },
        to: { type: "string", pattern: "^[A-Z]{3}$" },
        date: { type: "string", format: "date" },
        max_price: { type: "number", exclusiveMinimum: 0, maximum: 5000 },
        cabin: { type: "string", enum: ["economy", "business", "first"] },
        passengers: {
          type: "array",
          minItems: 1,
          maxItems: 4,
          items: {
            type: "object",
            properties: { name: { type: "string", minLength: 2 }, age: { type: "integer", minimum: 0, maximum: 120 } },
            required: ["name", "age"],
            additionalProperties: false,
          },
        },
      },
      required: ["from", "to", "date", "passengers"],
      additionalProperties: false,
    },
  },
  {
    name: "book_hotel",
    description: "Book a hotel room for some nights",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        check_in: { type: "string", format: "date" },
        nights: { type: "integer", minimum: 1, maximum: 14 },
        room_type: { type: "string", enum: ["single", "double", "suite"] },
        email: { type: "string", format: "email" },
        breakfast: { type: "boolean" },
      },
      required: ["city", "check_in", "nights", "room_type", "email"],
    },
  },
  {
    name: "fetch_page",
    description: "Download a web page",
    parameters: {
      type: "object",
      properties: {
        url: { type: "string", format: "uri" },
        timeout_ms: { type: "integer", multipleOf: 100, minimum: 100, maximum: 10000 },
        headers: { type: "object", additionalProperties: { type: "string", maxLength: 20 } },
        started: { type: "string", format: "date-time" },
        attendees: { type: "array", items: { type: "string", format: "email" }, uniqueItems: true },
        retry: { anyOf: [{ type: "integer", minimum: 0, maximum: 3 }, { type: "null" }] },
        id: { type: "string", format: "uuid" },
      },
      required: ["url", "timeout_ms", "headers", "started", "attendees", "retry", "id"],
    },
  },
];

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

function ask(content: string, extra: Partial<ProviderChatRequest> = {}): ProviderChatRequest {
  return { messages: [{ role: "user", content }], tools, temperature: 0, maxTokens: 100, ...extra };
}

describe("offline provider", () => {
  it("is deterministic for a seed and varies across seeds", () => {
    const request = ask("Book a hotel in Porto for three nights", { seed: 5 });
    expect(offlineChat(request, "offline")).toEqual(offlineChat(request, "offline"));
    const outputs = new Set(
      Array.from({ length: 8 }, (_, seed) => JSON.stringify(offlineChat({ ...request, seed }, "offline").toolCalls.map((c) => c.arguments))),
    );
    expect(outputs.size).toBeGreaterThan(4);
  });

  it("calls the tool whose name and description fit the conversation, with arguments from it", () => {
    const weather = offlineChat(ask("What is the weather like in Lisbon tomorrow?"), "offline");
    expect(weather.finishReason).toBe("tool_calls");
    expect(weather.toolCalls.map((c) => c.name)).toEqual(["get_weather"]);
    expect(weather.toolCalls[0].arguments).toMatchObject({ city: "Lisbon" });
    expect(JSON.parse(weather.toolCalls[0].rawArguments)).toEqual(weather.toolCalls[0].arguments);

    const flights = offlineChat(ask("Find me flights from Lisbon to Berlin on a date in May"), "offline");
    expect(flights.toolCalls.map((c) => c.name)).toEqual(["search_flights"]);
  });

  it("calls several tools at once when the request needs them", () => {
    const both = offlineChat(ask("Book a hotel room in Rome and check the weather forecast in Rome"), "offline");
    expect(both.toolCalls.map((c) => c.name).sort()).toEqual(["book_hotel", "get_weather"]);
    expect(new Set(both.toolCalls.map((c) => c.id)).size).toBe(2);
  });

  it("produces arguments that validate against every tool's JSON Schema, across seeds", () => {
    for (const tool of tools) {
      const validate = ajv.compile(tool.parameters);
      for (let seed = 0; seed < 40; seed++) {
        const [call] = offlineChat(ask("Plan a trip to Madrid with my colleague Ana", { seed, toolChoice: { name: tool.name } }), "offline").toolCalls;
        const ok = validate(call.arguments);
        expect(ok, `${tool.name} seed ${seed}: ${ajv.errorsText(validate.errors)} in ${call.rawArguments}`).toBe(true);
      }
    }
  });

  it("answers in text and ends once the tools have returned", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "Weather in Oslo?" },
      { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Oslo" } }] },
      { role: "tool", toolCallId: "c1", name: "get_weather", content: '{"sky": "snow", "celsius": -3}' },
    ];
    const reply = offlineChat({ messages, tools, temperature: 0, maxTokens: 100 }, "offline");
    expect(reply).toMatchObject({ toolCalls: [], finishReason: "stop" });
    expect(reply.text).toContain('"sky": "snow"');
  });

  it("answers in text when no tool fits or tools are switched off", () => {
    expect(offlineChat(ask("Tell me a joke about penguins"), "offline")).toMatchObject({ toolCalls: [], finishReason: "stop" });
    expect(offlineChat(ask("Weather in Oslo?", { toolChoice: "none" }), "offline").toolCalls).toEqual([]);
    expect(offlineChat(ask("Tell me a joke", { toolChoice: "required" }), "offline").toolCalls).toHaveLength(1);
  });

  it("embeds deterministically into unit vectors where similar texts are close", () => {
    const a = offlineEmbedding("Book a hotel room in Paris");
    const b = offlineEmbedding("Booking hotel rooms in Paris for two");
    const c = offlineEmbedding("Stock price of a technology company");
    expect(a).toHaveLength(256);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    expect(offlineEmbedding("Book a hotel room in Paris")).toEqual(a);
    expect(cosine(a, b)).toBeGreaterThan(0.5);
    expect(cosine(a, b) - cosine(a, c)).toBeGreaterThan(0.4);
  });
});

const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({ name: z.string(), children: z.array(z.lazy(() => Node)).max(2) });

const schemas = {
  toolSpec: z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]{2,40}$/),
    description: z.string().min(20),
    category: z.enum(["travel", "finance", "weather"]),
    tags: z.array(z.string()).min(1).max(5),
    parameters: z.record(z.string(), z.object({ type: z.enum(["string", "number"]), description: z.string() })),
  }),
  persona: z.object({
    name: z.string(),
    age: z.int().min(18).max(90),
    email: z.email(),
    website: z.url(),
    joined: z.iso.date(),
    lastSeen: z.iso.datetime(),
    at: z.iso.time(),
    id: z.uuid(),
    nickname: z.string().optional(),
    bio: z.string().nullable(),
    code: z.string().length(6),
  }),
  rubric: z.object({
    criteria: z
      .array(z.object({ name: z.string(), weight: z.number().positive().max(1), description: z.string() }))
      .min(2)
      .max(4),
    passThreshold: z.number().min(0).max(1).multipleOf(0.05),
    strict: z.boolean().default(false),
  }),
  step: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("text"), text: z.string() }),
    z.object({ kind: z.literal("call"), tool: z.string(), args: z.record(z.string(), z.string()) }),
  ]),
  identifiers: z.object({
    cuid: z.cuid(),
    nano: z.nanoid(),
    ip: z.ipv4(),
    duration: z.iso.duration(),
    prefixed: z.string().startsWith("ab"),
    encoded: z.base64(),
    code: z.string().regex(/^[A-Z]{2}-\d{4}$/),
    color: z.string().regex(/^#[0-9a-f]{6}$/i),
  }),
  pair: z.tuple([z.string(), z.int().nonnegative()]),
  tree: Node,
};

describe("fillFromJsonSchema", () => {
  it.each(Object.entries(schemas))("fills the %s schema with values zod accepts, across seeds", (_name, schema) => {
    const json = z.toJSONSchema(schema, { io: "input" });
    const hints = hintsFromText("Generate a travel booking tool for hotels in Kyoto with prices and dates");
    for (let seed = 0; seed < 30; seed++) {
      const value = fillFromJsonSchema(json, createRng(seed), hints);
      const parsed = schema.safeParse(value);
      expect(parsed.success, `seed ${seed}: ${JSON.stringify(value)} ${parsed.error?.message}`).toBe(true);
    }
  });

  it("builds its content from the words of the prompt", () => {
    const value = fillFromJsonSchema(
      z.toJSONSchema(schemas.toolSpec),
      createRng(1),
      hintsFromText("A tool that converts currency amounts between euros and yen"),
    ) as { description: string; name: string };
    const words = ["tool", "converts", "currency", "amounts", "euros", "yen"];
    expect(words.some((w) => value.description.toLowerCase().includes(w))).toBe(true);
    expect(words.some((w) => value.name.includes(w))).toBe(true);
  });
});
