"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { labelInputSchema } from "@/lib/review/label";
import { queueItemSchema, queueRefSchema } from "@/lib/review/queue-inputs";
import { skipItem } from "@/lib/review/queue-navigation";
import { claimNext, createQueue, createQueueSchema, labelAndClaimNext } from "@/lib/review/queues";

/** Opens the reviewer's next item of the queue, or the queue list saying the queue is finished. */
function openNext(queueId: string, next: { queueId: string; trajectoryId: string } | null | undefined): never {
  redirect(next ? `/review/${next.queueId}/${next.trajectoryId}` : `/review?finished=${encodeURIComponent(queueId)}`);
}

/** Makes a queue from a list query (reviewers and admins). */
export const createQueueAction = defineAction("reviewer", createQueueSchema, async (input, user) => {
  const result = await createQueue(db(), user.id, input);
  revalidatePath("/review");
  return result;
});

/** Claims the reviewer's next trajectory of the queue and opens it. */
export const startReviewingAction = defineAction("reviewer", queueRefSchema, async ({ queueId }, user) => {
  const claim = await claimNext(db(), queueId, user.id);
  if (!claim) return { ok: false, error: "Nothing left to review in this queue" };
  redirect(`/review/${claim.queueId}/${claim.trajectoryId}`);
});

/** Labels the trajectory, closes its assignment and opens the reviewer's next one. */
export const labelInQueueAction = defineAction("reviewer", labelInputSchema, async (input, user) => {
  const { queueId } = input;
  if (!queueId) return { ok: false, error: "Which queue?" };
  const result = await labelAndClaimNext(db(), user.id, { ...input, queueId });
  if (!result.ok) return result;
  revalidatePath("/review");
  openNext(queueId, result.next);
});

/** Skips the reviewer's held item (it comes back after the queue's others) and opens their next one. */
export const skipItemAction = defineAction("reviewer", queueItemSchema, async ({ queueId, trajectoryId }, user) => {
  if (!(await skipItem(db(), queueId, trajectoryId, user.id))) return { ok: false, error: "This item is not yours to skip (your hold may have expired)." };
  const next = await claimNext(db(), queueId, user.id);
  revalidatePath("/review");
  openNext(queueId, next);
});
