import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { z } from "zod";
import { readArtifact } from "@/lib/artifacts/store";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { datasetFile, datasetFileSchema } from "@/lib/datasets/files";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().min(1).max(64), file: datasetFileSchema });

/** Streams one file of a dataset version from the artifact store to a signed-in user. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first" }, { status: 401 });
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return NextResponse.json({ error: "No such file" }, { status: 404 });
  const file = await datasetFile(db(), parsed.data.id, parsed.data.file);
  if (!file) return NextResponse.json({ error: "No such file" }, { status: 404 });
  return new Response(Readable.toWeb(await readArtifact(db(), file.artifactId)) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${file.downloadName}"`,
    },
  });
}
