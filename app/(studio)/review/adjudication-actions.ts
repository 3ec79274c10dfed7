"use server";

import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { adjudicate, adjudicateSchema } from "@/lib/review/adjudication";

/** Records an admin's final label where reviewers (or the judge and reviewers) disagree; it decides the human verdict. */
export const adjudicateAction = defineAction("admin", adjudicateSchema, async (input, user) => {
  // no revalidation: the settled item stays on screen with its confirmation; the list drops it on the next visit
  const { reviewId } = await adjudicate(db(), user.id, input);
  return { ok: true, reviewId, message: `Recorded: ${input.verdict}.` };
});
