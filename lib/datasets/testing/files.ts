import { text } from "node:stream/consumers";
import { readArtifact } from "../../artifacts/store";
import type { Db } from "../../db/client";
import { datasetFile, type DatasetFile } from "../files";

/** One stored file of a written dataset version, as text (for tests of small exports). */
export async function datasetText(db: Db, datasetId: string, file: DatasetFile): Promise<string> {
  const stored = await datasetFile(db, datasetId, file);
  if (!stored) throw new Error(`dataset version ${datasetId} has no stored ${file}`);
  return text(await readArtifact(db, stored.artifactId));
}
