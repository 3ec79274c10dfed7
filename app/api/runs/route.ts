import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runProgress } from "@/lib/jobs/progress";

export const dynamic = "force-dynamic";

/** The latest runs with their progress; the Runs page polls it. */
export async function GET() {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const runs = await db().run.findMany({ orderBy: { createdAt: "desc" }, take: 100 });
  const now = Date.now();
  return NextResponse.json({ runs: runs.map((r) => runProgress(r, now)) });
}
