import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { putArtifact } from "../artifacts/store";
import type { Db } from "../db/client";
import { datasetFileSchema } from "./files";
import { dataDir, resolveInDataDir } from "./paths";

/**
 * Dataset versions written before their files were kept in the artifact store
 * have them only in the data folder of the machine that wrote them
 * (exports/<name>/v<version>/). Each start of the studio or of a worker stores
 * those it finds in its own folder, so any web server can serve them; the
 * folder is left as it was. Returns how many versions it stored.
 */
export async function adoptLocalExports(db: Db, root = dataDir()): Promise<number> {
  const waiting = await db.dataset.findMany({ where: { path: { not: null }, files: { none: {} } }, select: { id: true, path: true } });
  let adopted = 0;
  for (const d of waiting) {
    const dir = resolveInDataDir(d.path!, root);
    const found = datasetFileSchema.options.filter((name) => existsSync(path.join(dir, name)));
    try {
      for (const name of found) await putArtifact(db, { kind: "export", name, datasetId: d.id }, createReadStream(path.join(dir, name)));
    } catch (e) {
      // another process starting at the same time stores it
      if ((e as { code?: string }).code === "P2002") continue;
      throw e;
    }
    if (found.length) adopted++;
  }
  return adopted;
}
