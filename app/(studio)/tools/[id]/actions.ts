"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { overruleQuality } from "@/lib/catalog/quality";
import { overruleSchema } from "@/lib/catalog/quality-inputs";
import { db } from "@/lib/db/client";

export const overruleQualityAction = defineAction("admin", overruleSchema, async ({ toolId, verdict, note }, user) => {
  await overruleQuality(db(), toolId, verdict, user.name, note);
  revalidatePath(`/tools/${toolId}`);
  revalidatePath("/tools");
  return { ok: true, message: `Marked ${verdict}.` };
});
