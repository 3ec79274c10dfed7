import { z } from "zod";
import { Refusal, type FieldErrors } from "../actions/result";
import type { Db } from "../db/client";
import { reactStep } from "../datasets/formats/chat-doc";
import { checkArguments } from "../judge/argument-validator";
import { correctedSteps } from "../trajectory/corrected-steps";
import { docFromRow } from "../trajectory/store";
import type { Step, ToolCall } from "../trajectory/types";
import { claimsHeldByOthers, describeClaim } from "./claims";
import { argumentsText, changedSteps } from "./correction-diff";

// A gold correction: a reviewer's edit of an assistant turn (its text, a tool
// call's name or arguments, the final answer), stored as a whole corrected
// version beside the original messages, which stay as they are. Corrections
// are appended with their author, time and reason; each one starts from the
// latest, and the latest is the version exports write.

export const MAX_CORRECTION_TEXT = 100_000;

export const correctionInputSchema = z.object({
  trajectoryId: z.string().min(1).max(64),
  /** the correction the editor started from (null: the original); refused when someone corrected since */
  basedOnId: z.string().min(1).max(64).nullable(),
  step: z.number().int().min(0).max(1_000_000),
  /** the turn's text exactly as the reviewer wrote it */
  content: z.string().max(MAX_CORRECTION_TEXT),
  /** one entry per call of the turn, in order: its tool and its arguments as JSON text */
  toolCalls: z.array(z.object({ name: z.string().trim().min(1, "Name the tool").max(200), arguments: z.string().max(MAX_CORRECTION_TEXT) })).max(64),
  reason: z.string().trim().min(1, "Say why you corrected it").max(2_000),
});
export type CorrectionInput = z.input<typeof correctionInputSchema>;

/** Appends a correction of one assistant step, built on the latest version; throws a Refusal a reviewer can act on. */
export async function correctTrajectory(db: Db, authorId: string, input: CorrectionInput): Promise<{ ok: true; id: string; editedSteps: number[] }> {
  const c = correctionInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    // one correction at a time per trajectory: the second waits, then sees it is no longer based on the latest
    await tx.$queryRaw`SELECT "id" FROM "Trajectory" WHERE "id" = ${c.trajectoryId} FOR UPDATE`;
    const row = await tx.trajectory.findUnique({ where: { id: c.trajectoryId }, include: { messages: { orderBy: { index: "asc" } } } });
    if (!row) throw new Refusal("That trajectory no longer exists.");
    const [held] = await claimsHeldByOthers(tx, [c.trajectoryId], authorId);
    if (held) throw new Refusal(`This trajectory is claimed: ${describeClaim(held)}. It is theirs to correct until then.`);
    const latest = await tx.trajectoryCorrection.findFirst({ where: { trajectoryId: c.trajectoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    if ((latest?.id ?? null) !== c.basedOnId) throw new Refusal("Someone corrected this trajectory since you opened it: reload to start from their version.");

    const original = docFromRow(row);
    const base = latest ? correctedSteps(latest.messages) : original.messages;
    const messages = editStep(base, c, new Map(original.tools.map((t) => [t.name, t.parameters])));
    const editedSteps = changedSteps(original.messages, messages);
    const created = await tx.trajectoryCorrection.create({
      data: { trajectoryId: c.trajectoryId, messages: JSON.stringify(messages), editedSteps, reason: c.reason, authorId },
      select: { id: true },
    });
    return { ok: true as const, id: created.id, editedSteps };
  });
}

type ParsedCorrection = z.output<typeof correctionInputSchema>;

/** `base` with step `c.step` edited; the results answering a renamed call name its new tool. */
function editStep(base: Step[], c: ParsedCorrection, schemas: Map<string, Record<string, unknown>>): Step[] {
  const step = base[c.step];
  if (!step) throw new Refusal(`This trajectory has no step ${c.step}.`);
  if (step.role !== "assistant") throw new Refusal("Only the agent's turns can be corrected: its text, its tool calls or its final answer.");
  // a ReAct turn's text is the protocol that carries its call; the two would disagree
  if (reactStep(step)) throw new Refusal("This turn is written in the ReAct protocol, where the call is part of the text: it cannot be corrected here.");
  const calls = step.toolCalls ?? [];
  if (c.toolCalls.length !== calls.length) throw new Refusal(`Step ${c.step} has ${calls.length} tool calls; a correction edits them and keeps their number.`);

  const fieldErrors: FieldErrors = {};
  const toolCalls = calls.map((call, i): ToolCall => {
    const edit = c.toolCalls[i];
    if (edit.name === call.name && edit.arguments === argumentsText(call)) return call;
    const problem = argumentsProblem(edit, schemas);
    if (problem) fieldErrors[problem.field === "name" ? `toolCalls.${i}.name` : `toolCalls.${i}.arguments`] = problem.message;
    return {
      id: call.id,
      name: edit.name,
      arguments: problem ? {} : JSON.parse(edit.arguments),
      rawArguments: edit.arguments,
      ...(call.sourceId !== undefined ? { sourceId: call.sourceId } : {}),
    };
  });
  const [first] = Object.entries(fieldErrors);
  if (first) throw new Refusal(`Call ${Number(first[0].split(".")[1]) + 1}: ${first[1]}`, fieldErrors);

  // a turn without text stays without it unless the reviewer wrote some
  const content = c.content === "" && step.content === null ? null : c.content;
  const changed = content !== step.content || toolCalls.some((t, i) => t !== calls[i]);
  if (!changed) throw new Refusal("Nothing changed from the version you started from.");
  // the reply as the model sent it no longer describes the corrected turn
  const edited: Step = { ...step, content, rawContent: null, toolCalls: step.toolCalls === null ? null : toolCalls };
  const renamed = new Map(toolCalls.filter((t, i) => t.name !== calls[i].name).map((t) => [t.id, t.name]));
  return base.map((m, i) => {
    if (i === c.step) return edited;
    const name = m.role === "tool" && m.toolCallId ? renamed.get(m.toolCallId) : undefined;
    return name ? { ...m, toolName: name } : m;
  });
}

/** Why the edited call cannot stand: its tool was never offered, or its arguments are not JSON or do not fit the tool's schema. */
function argumentsProblem(
  edit: { name: string; arguments: string },
  schemas: Map<string, Record<string, unknown>>,
): { field: "name" | "arguments"; message: string } | null {
  const schema = schemas.get(edit.name);
  if (!schema) return { field: "name", message: `${edit.name} is not one of the tools offered to the agent.` };
  let value: unknown;
  try {
    value = JSON.parse(edit.arguments);
  } catch (e) {
    return { field: "arguments", message: `the arguments are not JSON (${(e as Error).message}).` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { field: "arguments", message: "the arguments must be one JSON object." };
  const check = checkArguments(schema, value);
  // a schema Ajv cannot read constrains nothing, as when the judge checks calls
  if (check.valid === false) return { field: "arguments", message: `the arguments do not fit ${edit.name}'s schema: ${check.errors.join("; ")}.` };
  return null;
}

/** Every correction of a trajectory, newest first, with who made it and why. */
export async function listCorrections(db: Db, trajectoryId: string) {
  return db.trajectoryCorrection.findMany({
    where: { trajectoryId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, editedSteps: true, reason: true, createdAt: true, author: { select: { name: true } } },
  });
}
export type CorrectionSummary = Awaited<ReturnType<typeof listCorrections>>[number];

/** The latest correction of each of these trajectories that has one: the version an export writes. */
export async function latestCorrections(db: Db, trajectoryIds: string[]): Promise<Map<string, { id: string; messages: Step[] }>> {
  if (trajectoryIds.length === 0) return new Map();
  const rows = await db.trajectoryCorrection.findMany({
    where: { trajectoryId: { in: trajectoryIds } },
    distinct: ["trajectoryId"],
    orderBy: [{ trajectoryId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    select: { id: true, trajectoryId: true, messages: true },
  });
  return new Map(rows.map((r) => [r.trajectoryId, { id: r.id, messages: correctedSteps(r.messages) }]));
}

/**
 * The trajectories among these that carry a person's edit, for an export:
 * the correction it names and the steps to write instead of the stored ones
 * (null for a fork re-simulated from a correction: its own steps hold the edit).
 */
export async function humanEdits(db: Db, trajectoryIds: string[]): Promise<Map<string, { correctionId: string; messages: Step[] | null }>> {
  if (trajectoryIds.length === 0) return new Map();
  const [latest, forks] = await Promise.all([
    latestCorrections(db, trajectoryIds),
    db.trajectory.findMany({ where: { id: { in: trajectoryIds }, forkedFromCorrectionId: { not: null } }, select: { id: true, forkedFromCorrectionId: true } }),
  ]);
  const edits = new Map<string, { correctionId: string; messages: Step[] | null }>();
  for (const f of forks) if (f.forkedFromCorrectionId) edits.set(f.id, { correctionId: f.forkedFromCorrectionId, messages: null });
  for (const [id, c] of latest) edits.set(id, { correctionId: c.id, messages: c.messages });
  return edits;
}

/** What the trajectory page shows of its corrections: the history, and the latest version's steps. */
export async function loadCorrectionView(db: Db, trajectoryId: string) {
  const [history, latest] = await Promise.all([listCorrections(db, trajectoryId), latestCorrections(db, [trajectoryId])]);
  const version = latest.get(trajectoryId);
  return { history, latest: version ? { id: version.id, steps: version.messages } : null };
}
export type CorrectionView = Awaited<ReturnType<typeof loadCorrectionView>>;
