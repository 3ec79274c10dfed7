import { describe, expect, it } from "vitest";
import { formatCount } from "./format";

describe("formatCount", () => {
  it("states an exact count, a count that stopped early and an estimate differently", () => {
    expect(formatCount(1234, "exact")).toBe("1,234");
    expect(formatCount(10_000, "atLeast")).toBe("10,000+");
    expect(formatCount(1_003_472, "about")).toBe("about 1,000,000");
    expect(formatCount(98_765, "about")).toBe("about 99,000");
    expect(formatCount(7, "about")).toBe("about 7");
  });
});
