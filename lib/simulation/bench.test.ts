import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { benchSimulationAgainstServer, benchSimulationAtLatency, benchSimulationOffline } from "./bench";
import { createFakeGateway, withLatency } from "./testing/fake-gateway";

describe("simulation benchmark", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("measures a real stage run: every episode stored, its turns, rates and memory", async () => {
    // an agent that calls one tool per turn, four times, then answers: five turns
    const gateway = createFakeGateway({
      chat: (req) => {
        const done = req.messages.filter((m) => m.role === "tool").length;
        if (done >= 4) return { text: "Your trip is booked." };
        const tool = req.tools![done % req.tools!.length] as { name: string };
        return { toolCalls: [{ id: `c${done}`, name: tool.name, arguments: {} }] };
      },
      structured: (role, _name, _messages, filled) => (role === "user" ? { message: "Thanks!", status: "satisfied" } : filled),
    });
    const figures = await benchSimulationOffline({ episodes: 12, concurrency: 4, db: t.db, gateway });
    const value = (name: string) => figures.find((f) => f.name.startsWith(name))!.value;
    expect(value("episodes on the offline provider")).toBe(12);
    expect(value("agent turns per episode")).toBe(5);
    expect(value("episodes per second")).toBeGreaterThan(0);
    // per episode at least: its run item (claimed, done, counted), its trajectory and its end; the moves' steps are batched across episodes
    expect(value("database writes per second") / value("episodes per second")).toBeGreaterThanOrEqual(5);
    expect(value("peak resident memory")).toBeGreaterThan(10);
  });
});

describe("simulation benchmark at a given latency", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("keeps the endpoint busy: calls per second close to concurrency / latency", async () => {
    const gateway = withLatency(
      createFakeGateway({
        chat: (req) =>
          req.messages.some((m) => m.role === "tool") ? { text: "Booked." } : { toolCalls: [{ id: "c", name: "get_weather", arguments: { city: "Rome" } }] },
        structured: (role, _n, _m, filled) => (role === "user" ? { message: "Thanks!", status: "satisfied" } : filled),
      }),
      150,
    );
    const figures = await benchSimulationAtLatency({ gateway, latencyMs: 150, episodes: 16, concurrency: 8, db: t.db });
    const ratio = figures.find((f) => f.unit === "ratio")!;
    expect(ratio.target).toBe(">= 0.9");
    // timing on a shared test machine is noisy: what must hold is that every lane had a call in flight at once
    expect(ratio.value).toBeGreaterThan(0.2);
    expect(figures.find((f) => f.unit === "calls")!.value).toBe(8);
  });
});

describe("simulation benchmark against the gateway's test server", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("runs episodes whose every call goes over HTTP through the real openai client", async () => {
    const figures = await benchSimulationAgainstServer({ latencyMs: 100, episodes: 8, concurrency: 8, db: t.db });
    expect(figures.find((f) => f.unit === "calls")!.value).toBe(8);
    expect(figures.find((f) => f.unit === "ratio")!.value).toBeGreaterThan(0);
    expect(await t.db.llmCall.count({ where: { provider: "openai" } })).toBeGreaterThanOrEqual(8);
  }, 30_000);
});
