import { z } from "zod";
import type { TrajectoryDoc } from "../../../trajectory/types";
import { readChatRecord } from "../../formats/chat";
import { parseRecord } from "../../formats/errors";

// A ToolBench answer file: `answer_generation` holds the tools offered
// (`function`) and `train_messages`, the conversations of the search tree's
// training chains in OpenAI's legacy function-calling shape. Each chain
// extends the one before it, so the last is the whole trajectory.

const answerSchema = z.looseObject({
  answer_generation: z.looseObject({
    function: z.unknown().optional(),
    train_messages: z.array(z.array(z.unknown())).min(1, "has no chains (valid_data is probably false)"),
  }),
});

export function isToolBench(record: Record<string, unknown>): boolean {
  const a = record.answer_generation;
  return !!a && typeof a === "object" && "train_messages" in a;
}

export function readToolBench(record: Record<string, unknown>): TrajectoryDoc {
  const { answer_generation: a } = parseRecord(answerSchema, record);
  return readChatRecord({ messages: a.train_messages[a.train_messages.length - 1], functions: a.function });
}
