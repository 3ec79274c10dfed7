import { describe, expect, it, beforeAll } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { compareSchema } from "./schema-drift";

describe("migrations", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("the migrated database matches prisma/schema.prisma", async () => {
    const drift = await compareSchema(t.db, t.schema);
    expect(drift).toEqual([]);
  });

  it("the client reads and writes every pipeline stage", async () => {
    const run = await t.db.run.create({ data: { kind: "noop", total: 3 } });
    const tool = await t.db.tool.create({
      data: { origin: "real", key: "src/echo", name: "echo", specHash: "h", embedding: [0.1, 0.2], runId: run.id },
    });
    const agent = await t.db.agent.create({
      data: { name: "A", systemPrompt: "p", toolSetHash: "x", tools: { create: [{ toolId: tool.id, role: "core" }] } },
    });
    const task = await t.db.task.create({
      data: { agentId: agent.id, goal: "g", instruction: "i", difficulty: "single_call", requiredTools: ["echo"] },
    });
    const traj = await t.db.trajectory.create({
      data: { taskId: task.id, agentId: agent.id, messages: { create: [{ index: 0, role: "user", content: "hi" }] } },
      include: { messages: true },
    });
    expect(traj.messages).toHaveLength(1);
    expect((await t.db.tool.findUniqueOrThrow({ where: { id: tool.id } })).embedding).toEqual([0.1, 0.2]);
  });
});

describe("schema drift check", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("reports a dropped column, a loosened column, missing and unmodelled indexes", async () => {
    await t.db.$executeRawUnsafe(`alter table "Tool" drop column "mapY"`);
    await t.db.$executeRawUnsafe(`alter table "Agent" alter column "systemPrompt" drop not null`);
    await t.db.$executeRawUnsafe(`drop index "Tool_name_idx"`);
    await t.db.$executeRawUnsafe(`alter table "Message" drop column "searchVector"`);
    await t.db.$executeRawUnsafe(`create index "Agent_upper_name_idx" on "Agent" (upper("name"))`);
    const drift = await compareSchema(t.db, t.schema);
    expect(drift).toEqual(
      expect.arrayContaining([
        "column Tool.mapY is missing",
        "column Agent.systemPrompt is nullable in the database",
        "normal index on Tool(name) is missing",
        "column Message.searchVector is missing",
        "index on Agent(expression index Agent_upper_name_idx) is in the database but not in the schema",
      ]),
    );
  });
});
