import { describe, expect, it } from "vitest";
import { isTransientDbError } from "./errors";

describe("transient database errors", () => {
  it("recognises lost connections, directly or as a cause", () => {
    expect(isTransientDbError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientDbError(new Error("terminating connection due to administrator command"))).toBe(true);
    expect(isTransientDbError(new Error("query failed", { cause: Object.assign(new Error("x"), { code: "57P01" }) }))).toBe(true);
  });

  it("does not excuse errors in the work itself", () => {
    expect(isTransientDbError(new Error("Unique constraint failed on the fields: (`key`)"))).toBe(false);
    expect(isTransientDbError(Object.assign(new Error("bad"), { code: "23505" }))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
  });
});
