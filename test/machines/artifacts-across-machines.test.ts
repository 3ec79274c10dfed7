import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PgBoss } from "pg-boss";
import type { Db, Run } from "../../lib/db/client";
import { createTestDatabase, createTestDb } from "../db";
import { startS3, type LocalS3 } from "../s3";

// Three machines, one database: the web server (this process, calling the
// studio's route handlers and server actions as Next.js would) and two worker
// processes, each with a data folder of its own. A file uploaded through the
// web route is imported by one worker; an export made by the other worker is
// downloaded through the web route. Neither machine reads the other's folder:
// the files go through the artifact store, in PostgreSQL and (with
// STUDIO_S3_* set on every machine) in an S3 bucket served by s3rver.

const ROOT = path.resolve(import.meta.dirname, "../..");
/** trajectories in the file sent: a few MiB of JSON Lines, so files span several 1 MiB chunks */
const TRAJECTORIES = 3_000;

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const folder = (name: string) => mkdtempSync(path.join(os.tmpdir(), `studio-machine-${name}-`));
/** What a machine's data folder holds, apart from what every process keeps there (its auth secret …). */
const filesIn = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /^(imports|exports|tool-files)(\/|$)/.test(f));

describe.each(["PostgreSQL", "S3"])("a web server and two workers on separate machines share uploads and exports (artifacts in %s)", (store) => {
  const folders = { web: folder("web"), first: folder("worker-1"), second: folder("worker-2") };
  const workers: ChildProcess[] = [];
  let database: { url: string; drop: () => Promise<void> };
  let db: Db;
  let boss: PgBoss | undefined;
  let sent: Buffer;
  let s3: LocalS3 | undefined;
  const previousDataDir = process.env.STUDIO_DATA_DIR;

  /** A worker process on its own data folder; resolves once it takes jobs. */
  async function startWorker(dataDir: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bin/studio.ts"), "worker"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, STUDIO_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    workers.push(child);
    const lines = createInterface({ input: child.stdout! });
    const ready = new Promise<void>((resolve) => lines.on("line", (l) => l.includes("worker started") && resolve()));
    await Promise.race([ready, once(child, "exit").then(() => Promise.reject(new Error("the worker exited before it started")))]);
    return child;
  }

  async function stopWorker(child: ChildProcess) {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }

  async function ended(runId: string): Promise<Run> {
    for (;;) {
      const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
      if (!["queued", "running"].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    // the file to send: a studio export of generated trajectories, made in a database of its own
    const seed = await createTestDb();
    const { writeBenchTrajectories } = await import("../../lib/judge/bench-data");
    const { exportDataset } = await import("../../lib/datasets/export");
    const { datasetText } = await import("../../lib/datasets/testing/files");
    const made = await writeBenchTrajectories(seed.db, TRAJECTORIES);
    const { dataset } = await exportDataset(seed.db, { name: "sent", filter: { runIds: [made.runId], verdict: "any" } });
    sent = Buffer.from(await datasetText(seed.db, dataset.id, "train.jsonl"));

    if (store === "S3") {
      // every machine is configured for the bucket (the workers inherit this environment)
      s3 = await startS3();
      Object.assign(process.env, s3.env);
    }
    database = await createTestDatabase(inject("databaseUrl"), "machines");
    const { migrate } = await import("../../lib/db/migrate");
    await migrate(database.url);
    // the web server's process: its own data folder, the studio's handles on the shared database
    process.env.STUDIO_DATA_DIR = folders.web;
    const { createDb } = await import("../../lib/db/client");
    const { createAuth } = await import("../../lib/auth/auth");
    const { startQueue } = await import("../../lib/jobs/queue");
    const { createUser } = await import("../../lib/auth/users");
    db = createDb(database.url, { max: 4 });
    const auth = createAuth(db, "a-machines-test-secret-0123456789abcdef");
    boss = await startQueue(database.url, { supervise: false });
    Object.assign(globalThis, { studioDb: db, studioAuth: auth, studioQueue: Promise.resolve(boss) });
    const created = await createUser(db, { name: "admin", email: "admin@machines.test", password: "machines-password" }, "admin");
    if (!created.ok) throw new Error(created.error);
    const res = await auth.api.signInEmail({ body: { email: "admin@machines.test", password: "machines-password" }, asResponse: true });
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("better-auth.session_token="))!
      .split(";")[0];
    request.headers = new Headers({ cookie });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map(stopWorker));
    await boss?.stop({ graceful: false });
    await db?.$disconnect(); // undefined when the setup failed early
    await database?.drop();
    for (const dir of Object.values(folders)) rmSync(dir, { recursive: true, force: true });
    process.env.STUDIO_DATA_DIR = previousDataDir;
    for (const name of Object.keys(s3?.env ?? {})) delete process.env[name];
    await s3?.stop();
  });

  it("a file uploaded to the web server is imported by one worker; the other worker's export downloads from the web server byte for byte", async () => {
    expect(sent.length).toBeGreaterThan(2 * 1024 * 1024);
    const { POST: upload } = await import("../../app/api/datasets/import/route");
    const { GET: download } = await import("../../app/api/datasets/[id]/[file]/route");
    const { startExportAction } = await import("../../app/(studio)/datasets/actions");

    // machine 2 imports what machine 1 received
    const first = await startWorker(folders.first);
    const body = Readable.toWeb(Readable.from([sent.subarray(0, 1_000_000), sent.subarray(1_000_000)])) as ReadableStream<Uint8Array>;
    const posted = await upload(
      new Request("http://studio.test/api/datasets/import?name=sent.jsonl", { method: "POST", headers: request.headers, body, duplex: "half" } as RequestInit),
    );
    const started = (await posted.json()) as { ok: true; runId: string };
    expect(posted.status).toBe(200);
    const imported = await ended(started.runId);
    expect(imported).toMatchObject({ status: "succeeded", total: TRAJECTORIES, done: TRAJECTORIES, failed: 0 });
    expect(await db.trajectory.count({ where: { runId: started.runId, imported: true } })).toBe(TRAJECTORIES);
    // the upload is gone once its run has ended
    expect(await db.artifact.count({ where: { kind: "upload" } })).toBe(0);
    await stopWorker(first);

    // machine 3 exports; machine 1 serves the files
    const second = await startWorker(folders.second);
    const exporting = await startExportAction({ name: "across", filter: { runIds: [started.runId], verdict: "any" } });
    if (!exporting.ok) throw new Error(exporting.error);
    expect(await ended(exporting.runId)).toMatchObject({ status: "succeeded", done: TRAJECTORIES });
    await stopWorker(second);
    const dataset = await db.dataset.findFirstOrThrow({ where: { runId: exporting.runId } });
    const get = async (file: string) => {
      const res = await download(new Request(`http://studio.test/api/datasets/${dataset.id}/${file}`, { headers: request.headers }), {
        params: Promise.resolve({ id: dataset.id, file }),
      });
      expect(res.status, file).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
      return bytes;
    };
    const train = await get("train.jsonl");
    const manifest = JSON.parse((await get("manifest.json")).toString("utf8")) as { files: { name: string; bytes: number; sha256: string }[] };

    // what the exporting worker wrote (its manifest's size and digest) is what the web server sent
    expect(manifest.files).toEqual([
      { name: "train.jsonl", records: TRAJECTORIES, bytes: train.length, sha256: createHash("sha256").update(train).digest("hex") },
    ]);
    // and every record sent came back byte for byte: exported in the same format, the imported trajectories are the lines sent
    const lines = (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean).sort();
    expect(lines(train)).toEqual(lines(sent));
    expect(train.length).toBe(sent.length);
    expect((await get("README.md")).toString("utf8")).toContain("# across v1");

    // the bytes are where the configuration put them
    const stored = await db.artifact.findMany({ where: { datasetId: dataset.id }, select: { objectKey: true } });
    expect(stored.map((a) => (a.objectKey ? "S3" : "PostgreSQL"))).toEqual([store, store, store]);
    expect((await db.artifactChunk.count()) > 0).toBe(store === "PostgreSQL");
    // no machine kept a file of its own
    for (const [name, dir] of Object.entries(folders)) expect(filesIn(dir), name).toEqual([]);
    // about a minute on a quiet machine; two worker starts and a few MiB each way take longer on a loaded one
  }, 300_000);

  it("a tool file uploaded to the web server is harvested by a worker on another machine", async () => {
    const { uploadToolFileAction } = await import("../../app/(studio)/sources/actions");
    const tools = [
      {
        name: "track_parcel",
        description: "Where a parcel is now, by its tracking number",
        inputSchema: { type: "object", properties: { number: { type: "string" } } },
      },
      {
        name: "quote_postage",
        description: "The postage for a parcel of a weight to a country",
        inputSchema: { type: "object", properties: { grams: { type: "integer" } } },
      },
    ];
    const form = new FormData();
    form.set("file", new File([JSON.stringify(tools)], "parcel tools.json", { type: "application/json" }));
    const worker = await startWorker(folders.second);
    const uploaded = await uploadToolFileAction(form);
    if (!uploaded.ok || !uploaded.runId) throw new Error(uploaded.ok ? "no harvest run" : uploaded.error);
    expect(await ended(uploaded.runId)).toMatchObject({ status: "succeeded" });
    await stopWorker(worker);
    const source = await db.toolSource.findUniqueOrThrow({ where: { name: "file-parcel_tools" }, include: { tools: { select: { name: true } } } });
    expect(source.tools.map((t) => t.name).sort()).toEqual(["quote_postage", "track_parcel"]);
    expect(source.lastError).toBeNull();
    for (const [name, dir] of Object.entries(folders)) expect(filesIn(dir), name).toEqual([]);
  }, 120_000);
});
