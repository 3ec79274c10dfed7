import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { createStageContext } from "../jobs/context";
import { CommandNotFound, findCommand } from "./mcp/command-path";
import { testSource } from "./source-actions";
import { maskedConfig } from "./source-secrets";
import { createSource, deleteSource, setSourceDisabled, SourceChangeRefused, updateSource } from "./sources";
import { runHarvest } from "./stages/harvest";

// Sources are edited, disabled and deleted by admins; what a person saves is
// checked before it is stored: a stdio command must exist on this machine.

const ALLOW_ALL = { commands: ["npx", "node", "no-such-mcp-server-cmd", "/nonexistent/mcp-server", process.execPath], allowPrivate: false };
let db: Db;
let dir: string;

beforeAll(async () => {
  ({ db } = await createTestDb());
  dir = await mkdtemp(path.join(os.tmpdir(), "source-manage-"));
});

async function fileSource(name: string) {
  const file = path.join(dir, `${name}.json`);
  await writeFile(
    file,
    JSON.stringify([
      { name: `${name}_tool`, description: "Reads a thing by its id for the caller.", parameters: { type: "object", properties: { id: { type: "string" } } } },
    ]),
  );
  return createSource(db, { kind: "file", name, config: { path: file } });
}

describe("saving a stdio source", () => {
  it("finds a command on PATH or by its path, and nothing that is not there", async () => {
    expect(await findCommand("node", process.env.PATH)).toMatch(/\/node$/);
    expect(await findCommand(process.execPath, "")).toBe(process.execPath);
    expect(await findCommand("no-such-mcp-server-cmd", process.env.PATH)).toBeNull();
    expect(await findCommand(dir, process.env.PATH)).toBeNull(); // a folder is no command
  });

  it("is refused with the reason when its command does not exist, on adding and on editing", async () => {
    await expect(
      createSource(db, { kind: "stdio", name: "ghost", config: { command: "no-such-mcp-server-cmd" } }, ALLOW_ALL, { commandMustExist: true }),
    ).rejects.toThrow(/the command "no-such-mcp-server-cmd" was not found on the studio's machine/);
    await expect(
      createSource(db, { kind: "stdio", name: "ghost", config: { command: "/nonexistent/mcp-server" } }, ALLOW_ALL, { commandMustExist: true }),
    ).rejects.toThrow(CommandNotFound);
    expect(await db.toolSource.count({ where: { name: "ghost" } })).toBe(0);

    const real = await createSource(db, { kind: "stdio", name: "real", config: { command: process.execPath, args: ["server.js"] } }, ALLOW_ALL, {
      commandMustExist: true,
    });
    await expect(updateSource(db, real.id, { command: "no-such-mcp-server-cmd", args: [] }, ALLOW_ALL, { commandMustExist: true })).rejects.toThrow(
      CommandNotFound,
    );
    const edited = await updateSource(db, real.id, { command: process.execPath, args: ["other.js"], env: { A: "1" } }, ALLOW_ALL, { commandMustExist: true });
    expect(edited.config).toMatchObject({ command: process.execPath, args: ["other.js"], env: { A: "1" } });
    expect(edited.name).toBe("real");
  });

  it("a built-in source is neither edited nor deleted", async () => {
    const builtin = await db.toolSource.create({ data: { name: "server-x", kind: "stdio", builtin: true, config: { package: "@x/server" } } });
    await expect(updateSource(db, builtin.id, { package: "@y/server" }, ALLOW_ALL)).rejects.toThrow(SourceChangeRefused);
    await expect(deleteSource(db, builtin.id)).rejects.toThrow(/disable it instead/);
  });
});

describe("disabling and deleting a source", () => {
  it("a disabled source is skipped by a harvest and refused a test, until it is enabled again", async () => {
    const on = await fileSource("kept-on");
    const off = await fileSource("switched-off");
    await setSourceDisabled(db, off.id, true);
    expect(await testSource(db, off.id)).toEqual({ ok: false, error: "switched-off is disabled: enable it to test it" });

    const run = await db.run.create({ data: { kind: "harvest", status: "running" } });
    await runHarvest(createStageContext(db, run, new AbortController().signal), { sourceIds: [on.id, off.id], concurrency: 2 });
    expect(await db.tool.count({ where: { sourceId: on.id } })).toBe(1);
    expect(await db.tool.count({ where: { sourceId: off.id } })).toBe(0);

    await setSourceDisabled(db, off.id, false);
    expect(await testSource(db, off.id)).toMatchObject({ ok: true, tools: 1 });
  });

  it("deleting a source keeps its tools in the catalogue", async () => {
    const source = await fileSource("going");
    const run = await db.run.create({ data: { kind: "harvest", status: "running" } });
    await runHarvest(createStageContext(db, run, new AbortController().signal), { sourceIds: [source.id], concurrency: 1 });
    const tool = await db.tool.findFirstOrThrow({ where: { sourceId: source.id } });
    expect(await deleteSource(db, source.id)).toEqual({ name: "going", toolsKept: 1 });
    expect(await db.toolSource.findUnique({ where: { id: source.id } })).toBeNull();
    expect(await db.tool.findUniqueOrThrow({ where: { id: tool.id } })).toMatchObject({ name: "going_tool", sourceId: null });
  });
});

describe("editing a source with secrets", () => {
  it("the form is given its settings masked, and what is left masked keeps the stored secret", async () => {
    const stored = await createSource(
      db,
      {
        kind: "stdio",
        name: "with-secrets",
        config: {
          command: process.execPath,
          args: ["server.js", "--api-key", "key-SECRET", "--token=tok-SECRET"],
          env: { API_TOKEN: "env-SECRET", MODE: "fast" },
        },
      },
      ALLOW_ALL,
    );
    const shown = maskedConfig(stored.config) as { args: string[]; env: Record<string, string> };
    expect(JSON.stringify(shown)).not.toContain("SECRET");
    // the person changes MODE and adds an argument, leaving the masked values as shown
    const saved = await updateSource(db, stored.id, { ...shown, args: [...shown.args, "--verbose"], env: { ...shown.env, MODE: "slow" } }, ALLOW_ALL, {
      commandMustExist: true,
    });
    expect(saved.config).toMatchObject({
      args: ["server.js", "--api-key", "key-SECRET", "--token=tok-SECRET", "--verbose"],
      env: { API_TOKEN: "env-SECRET", MODE: "slow" },
    });
    // a secret typed anew replaces the stored one
    const replaced = await updateSource(db, stored.id, { ...shown, env: { API_TOKEN: "env-NEW" } }, ALLOW_ALL);
    expect(replaced.config).toMatchObject({ env: { API_TOKEN: "env-NEW" } });
  });
});
