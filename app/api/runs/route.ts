import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { latestRuns } from "@/lib/jobs/queries";

export const dynamic = "force-dynamic";

/** The latest runs with their progress; the Runs page polls it. */
export async function GET() {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  return NextResponse.json({ runs: await latestRuns(db()) });
}
