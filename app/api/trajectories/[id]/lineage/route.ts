import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadLineage } from "@/lib/review/lineage";
import { lineageRunsSchema } from "@/lib/review/lineage-view";

export const dynamic = "force-dynamic";

/** A trajectory's parent and forks, with the status of the fork runs named in ?runs=a,b; the Forks panel polls it. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const { id } = await params;
  const raw = new URL(req.url).searchParams.get("runs") ?? "";
  const runs = lineageRunsSchema.safeParse(raw ? raw.split(",") : []);
  if (!runs.success) return NextResponse.json({ error: "runs: at most 20 run ids, separated by commas" }, { status: 400 });
  const lineage = await loadLineage(db(), id, runs.data);
  if (!lineage) return NextResponse.json({ error: "No such trajectory" }, { status: 404 });
  return NextResponse.json(lineage, { headers: { "cache-control": "no-store" } });
}
