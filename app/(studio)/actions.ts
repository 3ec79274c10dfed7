"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { definePublicAction } from "@/lib/actions/define-action";
import { auth } from "@/lib/auth/session";

export const signOutAction = definePublicAction(z.void(), async () => {
  await auth().api.signOut({ headers: await headers() });
  redirect("/sign-in");
});
