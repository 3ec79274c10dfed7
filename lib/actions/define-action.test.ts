import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The role check itself is exercised for every real action in
// test/access-control.test.ts with real sessions; here, the wrapper's handling
// of input and errors, with the signed-in user given.
const signedIn = vi.hoisted(() => ({ role: "reviewer" as string | null }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => {
  class ForbiddenError extends Error {}
  const RANK: Record<string, number> = { viewer: 0, reviewer: 1, admin: 2 };
  return {
    ForbiddenError,
    requireRole: async (role: string) => {
      if (!signedIn.role || (RANK[signedIn.role] ?? -1) < (RANK[role] ?? 9)) throw new ForbiddenError(`needs ${role}`);
      return { id: "u1", name: "Ann", email: "ann@example.test", role: signedIn.role };
    },
  };
});

const { defineAction } = await import("./define-action");
const { Refusal } = await import("./result");
const { ForbiddenError } = await import("@/lib/auth/session");

const rename = defineAction("reviewer", z.object({ name: z.string().trim().min(3, "At least 3 characters"), count: z.number().int() }), async (input, user) => {
  if (input.name === "taken") throw new Refusal("That name is taken", { name: "Taken" });
  if (input.name === "broken") throw new TypeError("a defect");
  return { ok: true, renamedBy: user.name, name: input.name };
});

describe("defineAction", () => {
  beforeEach(() => {
    signedIn.role = "reviewer";
  });

  it("runs the work with the parsed input and the user, returning what it made", async () => {
    await expect(rename({ name: "  Kim  ", count: 1 })).resolves.toEqual({ ok: true, renamedBy: "Ann", name: "Kim" });
  });

  it("refuses a visitor without the role before looking at the input", async () => {
    signedIn.role = "viewer";
    await expect(rename({ name: "x", count: 1.5 })).rejects.toBeInstanceOf(ForbiddenError);
    signedIn.role = null;
    await expect(rename(undefined as never)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("returns bad input as a refusal naming the field, with one message per field", async () => {
    const result = await rename({ name: "x", count: 1.5 });
    expect(result).toMatchObject({ ok: false, error: "name: At least 3 characters" });
    expect(!result.ok && result.fieldErrors).toEqual({ name: "At least 3 characters", count: expect.any(String) });
  });

  it("returns a Refusal thrown by the work with its message and fields, and throws anything else", async () => {
    await expect(rename({ name: "taken", count: 1 })).resolves.toEqual({ ok: false, error: "That name is taken", fieldErrors: { name: "Taken" } });
    await expect(rename({ name: "broken", count: 1 })).rejects.toBeInstanceOf(TypeError);
  });

  it("returns a zod error thrown by the work (a nested schema it checks) as a refusal", async () => {
    const nested = defineAction("viewer", z.string(), async (raw) => {
      z.object({ url: z.url() }).parse({ url: raw });
      return { ok: true };
    });
    await expect(nested("not a url")).resolves.toMatchObject({ ok: false, fieldErrors: { url: expect.any(String) } });
  });
});
