import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** s3rver's built-in key pair */
const KEYS = { STUDIO_S3_ACCESS_KEY_ID: "S3RVER", STUDIO_S3_SECRET_ACCESS_KEY: "S3RVER" };

export type LocalS3 = { env: Record<string, string>; directory: string; stop: () => Promise<void> };

/**
 * A real S3-compatible server (s3rver) on a free port, storing in a temporary
 * folder, with one bucket; `env` is the studio's configuration for it.
 */
export async function startS3(bucket = "studio"): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "studio-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    env: { STUDIO_S3_BUCKET: bucket, STUDIO_S3_ENDPOINT: `http://127.0.0.1:${port}`, STUDIO_S3_REGION: "us-east-1", ...KEYS },
    directory,
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
