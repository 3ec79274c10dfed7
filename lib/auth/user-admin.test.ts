import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createAuth, type Auth } from "./auth";
import { listManagedUsers, resetPassword, revokeSession, setUserActive, setUserRole } from "./user-admin";
import { createUser } from "./users";

let t: TestDb;
let auth: Auth;

async function user(name: string, role: "admin" | "reviewer" | "viewer") {
  const created = await createUser(t.db, { name, email: `${name.toLowerCase()}@x.io`, password: `${name}-password` }, role);
  if (!created.ok) throw new Error(created.error);
  return created.userId;
}

async function signIn(name: string, password = `${name}-password`): Promise<{ status: number; headers: Headers }> {
  const res = await auth.api.signInEmail({ body: { email: `${name.toLowerCase()}@x.io`, password }, asResponse: true });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
  return { status: res.status, headers: new Headers({ cookie: cookie?.split(";")[0] ?? "" }) };
}

beforeAll(async () => {
  t = await createTestDb();
  auth = createAuth(t.db, "a-test-secret-of-enough-length-0123456789");
});

describe("managing users", () => {
  it("deactivating a user ends their sessions at once and refuses them a new one until reactivated", async () => {
    const id = await user("Dora", "reviewer");
    const a = await signIn("Dora");
    const b = await signIn("Dora");
    expect(await auth.api.getSession({ headers: a.headers })).not.toBeNull();
    expect((await listManagedUsers(t.db)).find((u) => u.id === id)?.sessions).toHaveLength(2);

    expect(await setUserActive(t.db, id, false)).toMatchObject({ ok: true, message: "Dora is deactivated; 2 sessions ended" });
    expect(await auth.api.getSession({ headers: a.headers })).toBeNull();
    expect(await auth.api.getSession({ headers: b.headers })).toBeNull();
    expect((await signIn("Dora")).status).toBe(403);

    expect(await setUserActive(t.db, id, true)).toMatchObject({ ok: true });
    expect((await signIn("Dora")).status).toBe(200);
  });

  it("the last active admin can be neither demoted nor deactivated; with a second admin both can", async () => {
    const first = await user("Ari", "admin");
    // other tests' admins: leave Ari the only active one
    for (const other of await t.db.user.findMany({ where: { role: "admin", id: { not: first } } })) await setUserRole(t.db, other.id, "viewer");
    expect(await setUserRole(t.db, first, "reviewer")).toEqual({ ok: false, error: "Ari is the last admin: make someone else admin first" });
    expect(await setUserActive(t.db, first, false)).toMatchObject({ ok: false });
    const second = await user("Bo", "viewer");
    expect(await setUserRole(t.db, second, "admin")).toMatchObject({ ok: true });
    expect(await setUserRole(t.db, first, "reviewer")).toEqual({ ok: true, message: "Ari is now reviewer" });
    // a deactivated admin does not count as one
    await setUserRole(t.db, first, "admin");
    await setUserActive(t.db, first, false);
    expect(await setUserRole(t.db, second, "viewer")).toMatchObject({ ok: false });
    await setUserActive(t.db, first, true);
  });

  it("a password reset replaces the old password and ends the user's sessions", async () => {
    const admin = await user("Cy", "admin");
    const id = await user("Eve", "viewer");
    const session = await signIn("Eve");
    expect(await resetPassword(t.db, id, "short", admin)).toMatchObject({ ok: false });
    expect(await resetPassword(t.db, id, "a-brand-new-password", admin)).toMatchObject({ ok: true, message: "New password set for Eve; 1 session ended" });
    expect(await auth.api.getSession({ headers: session.headers })).toBeNull();
    expect((await signIn("Eve")).status).toBe(401);
    expect((await signIn("Eve", "a-brand-new-password")).status).toBe(200);
  });

  it("an admin can end one session and leave the others", async () => {
    const id = await user("Fay", "viewer");
    const a = await signIn("Fay");
    const b = await signIn("Fay");
    const sessions = (await listManagedUsers(t.db)).find((u) => u.id === id)!.sessions;
    const tokenA = a.headers.get("cookie")!.split("=")[1].split(".")[0];
    const rowA = await t.db.session.findUniqueOrThrow({ where: { token: decodeURIComponent(tokenA) } });
    expect(sessions.map((s) => s.id)).toContain(rowA.id);
    expect(await revokeSession(t.db, rowA.id)).toMatchObject({ ok: true });
    expect(await auth.api.getSession({ headers: a.headers })).toBeNull();
    expect(await auth.api.getSession({ headers: b.headers })).not.toBeNull();
    expect(await revokeSession(t.db, rowA.id)).toMatchObject({ ok: false });
  });

  it("a user cannot rename themselves to another user's name, but can to a free one", async () => {
    await user("Gil", "viewer");
    await user("Hal", "viewer");
    const { headers } = await signIn("Hal");
    const taken = await auth.api.updateUser({ body: { name: " gil " }, headers, asResponse: true });
    expect(taken.status).toBe(400);
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "hal@x.io" } })).name).toBe("Hal");
    const free = await auth.api.updateUser({ body: { name: "Hal Jordan" }, headers, asResponse: true });
    expect(free.status).toBe(200);
    expect((await t.db.user.findUniqueOrThrow({ where: { email: "hal@x.io" } })).name).toBe("Hal Jordan");
  });
});
