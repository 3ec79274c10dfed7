"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { Refusal } from "@/lib/actions/result";
import { db } from "@/lib/db/client";
import { assignReviewers, assignReviewersSchema, unassignReviewer, unassignReviewerSchema } from "@/lib/review/queue-reviewers";

/** Names reviewers for a queue or for some of its items (admins). */
export const assignReviewersAction = defineAction("admin", assignReviewersSchema, async (input, user) => {
  const { assigned } = await assignReviewers(db(), user.id, input);
  revalidatePath("/review");
  return { ok: true, message: `Named ${assigned} ${assigned === 1 ? "reviewer" : "reviewers"}.` };
});

/** Takes a reviewer off a queue (admins); what they labelled stays. */
export const unassignReviewerAction = defineAction("admin", unassignReviewerSchema, async (input) => {
  if (!(await unassignReviewer(db(), input))) throw new Refusal("That reviewer is not named for this queue.");
  revalidatePath("/review");
  return { ok: true };
});
