import { redirect } from "next/navigation";
import { AccountForm } from "@/components/auth/account-form";
import { AuthCard } from "@/components/auth/auth-card";
import { db } from "@/lib/db/client";
import { hasAnyUser } from "@/lib/auth/users";
import { createFirstAdminAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await hasAnyUser(db())) redirect("/sign-in");
  return (
    <AuthCard
      title="Create the first admin"
      subtitle="This account configures the studio and starts pipeline runs. Admins add reviewers and viewers later in Settings."
    >
      <AccountForm action={createFirstAdminAction} withName submitLabel="Create admin account" />
    </AuthCard>
  );
}
