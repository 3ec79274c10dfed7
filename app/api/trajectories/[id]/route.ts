import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadTrajectory } from "@/lib/trajectory/store";

export const dynamic = "force-dynamic";

/** A trajectory in its canonical form (tools and steps), as a JSON download. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const { id } = await params;
  const doc = await loadTrajectory(db(), id);
  if (!doc) return NextResponse.json({ error: "No such trajectory" }, { status: 404 });
  return new NextResponse(JSON.stringify({ id, ...doc }, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="trajectory-${id.replace(/[^\w-]/g, "")}.json"`,
    },
  });
}
