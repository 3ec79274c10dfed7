import { verifyPassword } from "better-auth/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createFirstAdmin, createUser } from "./users";

describe("accounts", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("only one of many simultaneous first visits becomes admin", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createFirstAdmin(t.db, { name: `A${i}`, email: `a${i}@x.io`, password: "password123" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && /already has an admin/.test(r.error))).toBe(true);
    expect(await t.db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("stores a password better-auth can verify, never the password itself", async () => {
    const created = await createUser(t.db, { name: "R", email: "r@x.io", password: "s3cret-pass" }, "reviewer");
    if (!created.ok) throw new Error(created.error);
    const account = await t.db.account.findFirstOrThrow({ where: { userId: created.userId } });
    expect(account.password).not.toContain("s3cret-pass");
    expect(await verifyPassword({ hash: account.password!, password: "s3cret-pass" })).toBe(true);
    expect(await createUser(t.db, { name: "R2", email: "r@x.io", password: "another-pass" }, "viewer")).toMatchObject({ ok: false });
  });

  it("refuses a new user another user's name (trimmed, any case): people are told apart by name", async () => {
    await createUser(t.db, { name: "Nia Noor", email: "nia@x.io", password: "password123" }, "reviewer");
    expect(await createUser(t.db, { name: " nia noor ", email: "nia2@x.io", password: "password123" }, "viewer")).toEqual({
      ok: false,
      error: "Another user has this name",
    });
    expect(await t.db.user.count({ where: { email: "nia2@x.io" } })).toBe(0);
  });
});
