import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Auth } from "../lib/auth/auth";
import type { UserRole } from "../lib/db/client";
import { ACCESS, type Case, type Needs } from "./access-roles";
import { createTestDb, type TestDb } from "./db";

// Every server action and route handler, called as each kind of visitor with a
// real better-auth session in a database of its own. `requireRole` and
// `currentUser` run as they do in the studio; only what Next.js gives a request
// (its headers, the page cache) is supplied here, since no Next.js server runs.

const ROOT = path.resolve(import.meta.dirname, "..");
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("server-only", () => ({}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

type Visitor = "signed out" | UserRole;
const VISITORS: Visitor[] = ["signed out", "viewer", "reviewer", "admin"];
const LEVEL: Record<Needs, number> = { public: 0, viewer: 1, reviewer: 2, admin: 3 };
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

type Entry = { id: string; file: string; name: string; call: (...args: unknown[]) => Promise<unknown>; route: boolean };

/** The exports of every action module and the HTTP methods of every route module, as loaded. */
async function entryPoints(): Promise<Entry[]> {
  const files = walk(path.join(ROOT, "app")).filter((f) => /[-/]actions\.ts$|\/route\.ts$/.test(f));
  const found: Entry[] = [];
  for (const file of files.sort()) {
    const rel = path.relative(ROOT, file);
    const route = rel.endsWith("/route.ts");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (route && !HTTP_METHODS.has(name)) continue;
      if (typeof value !== "function") throw new Error(`${rel} exports ${name}, which is not a function (a "use server" module exports only actions)`);
      found.push({ id: `${rel}#${name}`, file: rel, name, call: value as Entry["call"], route });
    }
  }
  return found;
}

function casesOf(id: string): Case[] {
  const given = ACCESS[id];
  return typeof given === "string" ? [{ needs: given }] : given;
}

describe("access control", () => {
  let t: TestDb;
  let auth: Auth;
  let entries: Entry[];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "studio-access-"));
  const cookies = new Map<Visitor, string>();
  const password = "access-password";

  async function signIn(role: UserRole): Promise<string> {
    const res = await auth.api.signInEmail({ body: { email: `${role}@access.test`, password }, asResponse: true });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    if (!cookie) throw new Error(`could not sign in as ${role}: ${res.status}`);
    return cookie.split(";")[0];
  }

  /** Headers of a request from `visitor`, signing in again when a call before signed the session out. */
  async function headersOf(visitor: Visitor): Promise<Headers> {
    if (visitor === "signed out") return new Headers();
    let cookie = cookies.get(visitor);
    if (!cookie || !(await auth.api.getSession({ headers: new Headers({ cookie }) }))) cookie = await signIn(visitor);
    cookies.set(visitor, cookie);
    return new Headers({ cookie });
  }

  /**
   * Whether the guard let the visitor through: a refused action throws
   * ForbiddenError, a refused route answers 401 or 403. Anything else (a
   * result, a validation error, a redirect, a failure further on) was let in.
   */
  async function admitted(entry: Entry, c: Case, visitor: Visitor): Promise<boolean> {
    const { ForbiddenError } = await import("../lib/auth/session");
    request.headers = await headersOf(visitor);
    try {
      if (!entry.route) return (await entry.call(...(c.args ?? [])), true);
      const req = new Request(`http://localhost:3000${c.url ?? "/"}`, { method: entry.name, headers: request.headers });
      const res = (await entry.call(req, { params: Promise.resolve(c.params ?? {}) })) as Response;
      return res.status !== 401 && res.status !== 403;
    } catch (e) {
      return !(e instanceof ForbiddenError);
    }
  }

  beforeAll(async () => {
    t = await createTestDb();
    process.env.STUDIO_DATA_DIR = dataDir;
    const { createAuth } = await import("../lib/auth/auth");
    const { startQueue } = await import("../lib/jobs/queue");
    const { createUser } = await import("../lib/auth/users");
    auth = createAuth(t.db, "an-access-test-secret-0123456789abcdef");
    const boss = await startQueue(t.url, { schema: t.schema, supervise: false });
    afterAll(async () => {
      await boss.stop({ graceful: false });
      await t.db.$executeRawUnsafe(`drop schema if exists "${t.schema}_pgboss" cascade`);
    });
    // the process-wide handles the studio's modules reach for, pointed at this file's database
    Object.assign(globalThis, { studioDb: t.db, studioAuth: auth, studioQueue: Promise.resolve(boss) });
    for (const role of ["viewer", "reviewer", "admin"] as const) {
      const created = await createUser(t.db, { name: role, email: `${role}@access.test`, password }, role);
      if (!created.ok) throw new Error(created.error);
    }
    entries = await entryPoints();
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("finds the entry points", () => {
    expect(entries.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        "app/(studio)/runs/actions.ts#cancelRunAction",
        "app/(studio)/settings/llm-actions.ts#saveRoleAction",
        "app/api/runs/route.ts#GET",
      ]),
    );
  });

  it("every server action and route handler has the role it needs in the table, and the table names nothing else", () => {
    const ids = entries.map((e) => e.id);
    expect(ids.filter((id) => !(id in ACCESS))).toEqual([]);
    expect(Object.keys(ACCESS).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("each entry point lets in exactly the roles from the one it needs up", { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (const entry of entries.filter((e) => e.id in ACCESS)) {
      for (const c of casesOf(entry.id)) {
        const got: string[] = [];
        for (const [level, visitor] of VISITORS.entries()) {
          const expected = level >= LEVEL[c.needs];
          const actual = await admitted(entry, c, visitor);
          if (actual !== expected) got.push(`${visitor} ${actual ? "let in" : "refused"}`);
        }
        if (got.length) wrong.push(`${entry.id} (needs ${c.needs}${c.args ? ` for ${JSON.stringify(c.args)}` : ""}): ${got.join(", ")}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
