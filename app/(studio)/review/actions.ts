"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SkipResult } from "@/components/review/queue-item-nav";
import type { StartResult } from "@/components/review/start-reviewing-button";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { labelInputSchema, type LabelInput, type LabelResult } from "@/lib/review/label";
import { skipItem } from "@/lib/review/queue-navigation";
import { claimNext, createQueue, createQueueSchema, labelAndClaimNext, type CreateQueueInput, type CreateQueueResult } from "@/lib/review/queues";

const queueId = z.string().min(1).max(64);
const trajectoryId = z.string().min(1).max(64);

/** Makes a queue from a list query (reviewers and admins). */
export async function createQueueAction(input: CreateQueueInput): Promise<CreateQueueResult> {
  const user = await requireRole("reviewer");
  const parsed = createQueueSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid queue" };
  const result = await createQueue(db(), user.id, parsed.data);
  revalidatePath("/review");
  return result;
}

/** Claims the reviewer's next trajectory of the queue and opens it. */
export async function startReviewingAction(id: string): Promise<StartResult> {
  const user = await requireRole("reviewer");
  const claim = await claimNext(db(), queueId.parse(id), user.id);
  if (!claim) return { ok: false, error: "Nothing left to review in this queue" };
  redirect(`/review/${claim.queueId}/${claim.trajectoryId}`);
}

/** Labels the trajectory, closes its assignment and opens the reviewer's next one. */
export async function labelInQueueAction(input: LabelInput): Promise<LabelResult> {
  const user = await requireRole("reviewer");
  const parsed = labelInputSchema.safeParse(input);
  if (!parsed.success || !parsed.data.queueId) return { ok: false, error: parsed.error?.issues[0]?.message ?? "Which queue?" };
  const result = await labelAndClaimNext(db(), user.id, { ...parsed.data, queueId: parsed.data.queueId });
  if (!result.ok) return result;
  revalidatePath("/review");
  redirect(result.next ? `/review/${result.next.queueId}/${result.next.trajectoryId}` : `/review?finished=${encodeURIComponent(parsed.data.queueId)}`);
}

/** Skips the reviewer's held item (it comes back after the queue's others) and opens their next one. */
export async function skipItemAction(queue: string, trajectory: string): Promise<SkipResult> {
  const user = await requireRole("reviewer");
  const [q, id] = [queueId.safeParse(queue), trajectoryId.safeParse(trajectory)];
  if (!q.success || !id.success) return { ok: false, error: "Which item?" };
  if (!(await skipItem(db(), q.data, id.data, user.id))) return { ok: false, error: "This item is not yours to skip (your hold may have expired)." };
  const next = await claimNext(db(), q.data, user.id);
  revalidatePath("/review");
  redirect(next ? `/review/${next.queueId}/${next.trajectoryId}` : `/review?finished=${encodeURIComponent(q.data)}`);
}
