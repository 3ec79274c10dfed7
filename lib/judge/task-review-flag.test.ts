import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { listWhere } from "../review/filter";
import type { StepInput } from "../trajectory/types";
import { judgeConfigSchema } from "./config";
import { judgeTrajectory } from "./judge";
import { refreshTaskReviewFlag, reviewFlagReason } from "./task-review-flag";
import { passReply, scriptedGateway, seedTask, seedTrajectory } from "./test-fixtures";

// the user simulator gives its hidden goal away in a later turn: blamed on the user simulator once rejected
const revealingEpisode: StepInput[] = [
  { role: "user", content: "Hi there" },
  { role: "assistant", content: "Hello! How can I help?" },
  { role: "user", content: "My hidden goal: learn the weather in Paris." },
  { role: "assistant", content: "I cannot help with that." },
];

const failReply = { criteria: [{ id: "answer", score: 1, justification: "no temperature given", steps: [3] }], verdict: "fail", confidence: 0.9 };

describe("flagging a task's other episodes after repeated blame", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("names each party blamed at least twice, and nothing below that", () => {
    expect(reviewFlagReason({ tool_simulator: 1, user_simulator: 1, agent: 9 })).toBeNull();
    expect(reviewFlagReason({ tool_simulator: 2, task: 3 })).toBe(
      "Episodes of this task were blamed on the task 3 times and on the tool simulator 2 times: review its other episodes.",
    );
  });

  it("flags the task on the second episode blamed on the user simulator, and the list picks only its other episodes", async () => {
    const ids = await seedTask(t.db);
    const config = judgeConfigSchema.parse({});
    const judge = (id: string, reply: unknown) => judgeTrajectory({ db: t.db, gateway: scriptedGateway(() => reply).gateway, sandbox: null }, id, config);
    const clean = await seedTrajectory(t.db, ids);
    const first = await seedTrajectory(t.db, ids, revealingEpisode, "user_gave_up");
    const second = await seedTrajectory(t.db, ids, revealingEpisode, "user_gave_up");
    await judge(clean, passReply(["answer"]));
    await judge(first, failReply);
    const flag = async () => (await t.db.task.findUniqueOrThrow({ where: { id: ids.taskId } })).reviewFlag;
    expect(await flag()).toBeNull();
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id: first } })).blame).toBe("user_simulator");

    await judge(second, failReply);
    expect(await flag()).toBe("Episodes of this task were blamed on the user simulator 2 times: review its other episodes.");
    const flagged = await t.db.trajectory.findMany({ where: listWhere({ flagged: "yes" }), select: { id: true } });
    expect(flagged.map((r) => r.id)).toEqual([clean]);
    const others = await t.db.trajectory.findMany({
      where: listWhere({ flagged: "no", taskId: ids.taskId }),
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    expect(others.map((r) => r.id).sort()).toEqual([first, second].sort());

    // once fewer than two episodes carry that blame, the flag is cleared
    await t.db.trajectory.update({ where: { id: second }, data: { blame: "agent" } });
    expect(await refreshTaskReviewFlag(t.db, ids.taskId)).toBeNull();
    expect(await flag()).toBeNull();
    expect(await t.db.trajectory.count({ where: listWhere({ flagged: "yes" }) })).toBe(0);
  });
});
