import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ForbiddenError, requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { deleteArtifact } from "@/lib/artifacts/store";
import { removeEndedUploads } from "@/lib/datasets/import/uploads";
import { saveUpload, UploadTooLarge } from "@/lib/datasets/upload";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

export const dynamic = "force-dynamic";

const querySchema = z.object({ name: z.string().min(1).max(200) });

/**
 * Receives a trajectory file as the raw request body (streamed into the
 * artifact store, where any worker reads it, never buffered: a server action
 * would cap the size) and starts an import run on it. Admins only.
 */
export async function POST(req: Request) {
  // Next checks Origin for server actions, not for route handlers; the session
  // cookie is SameSite=Lax, which still lets a page on another port of the
  // same host post here with an admin's cookie.
  // Compared as Next compares it for actions: with the forwarded host behind a proxy, else Host.
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host")?.split(",")[0].trim() ?? req.headers.get("host");
  if (origin !== null && (!URL.canParse(origin) || new URL(origin).host !== host)) {
    return NextResponse.json({ ok: false, error: "Cross-origin request refused" }, { status: 403 });
  }
  let userId: string;
  try {
    userId = (await requireRole("admin")).id;
  } catch (e) {
    if (e instanceof ForbiddenError) return NextResponse.json({ ok: false, error: e.message }, { status: 403 });
    throw e;
  }
  const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success || !req.body) return NextResponse.json({ ok: false, error: "Choose a .jsonl file to upload" }, { status: 400 });
  // uploads of imports cancelled while queued, which never ran to remove them
  await removeEndedUploads(db());
  let upload: { id: string; name: string };
  try {
    upload = await saveUpload(db(), req.body, query.data.name);
  } catch (e) {
    if (e instanceof UploadTooLarge) return NextResponse.json({ ok: false, error: e.message }, { status: 413 });
    throw e;
  }
  const started = await startRun(db(), await queue(), { kind: "import", config: { artifactId: upload.id, name: upload.name }, userId });
  // no run will end and remove it
  if (!started.ok) await deleteArtifact(db(), upload.id);
  revalidatePath("/datasets");
  return NextResponse.json(started, { status: started.ok ? 200 : 400 });
}
