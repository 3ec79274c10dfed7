import { redirect } from "next/navigation";
import { AccountForm } from "@/components/auth/account-form";
import { AuthCard } from "@/components/auth/auth-card";
import { db } from "@/lib/db/client";
import { currentUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/auth/users";
import { signInAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if (!(await hasAnyUser(db()))) redirect("/setup");
  if (await currentUser()) redirect("/");
  return (
    <AuthCard title="Sign in" subtitle="Welcome back.">
      <AccountForm action={signInAction} submitLabel="Sign in" />
    </AuthCard>
  );
}
