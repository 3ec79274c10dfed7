import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("roles", () => {
  it("each role can do what the roles below it can, and no more", () => {
    expect(hasRole("admin", "reviewer")).toBe(true);
    expect(hasRole("reviewer", "reviewer")).toBe(true);
    expect(hasRole("reviewer", "admin")).toBe(false);
    expect(hasRole("viewer", "reviewer")).toBe(false);
  });

  it("an unknown or missing role can do nothing", () => {
    expect(hasRole("root", "viewer")).toBe(false);
    expect(hasRole(undefined, "viewer")).toBe(false);
  });
});
