import { describe, expect, it } from "vitest";
import { uniqueAgentName } from "./agent-names";

describe("agent names", () => {
  const taken = new Set(["mcp", "resource", "resource (files)"]);

  it("keeps a generated name nobody holds", () => {
    expect(uniqueAgentName("Weather", "forecasts", taken)).toBe("Weather");
  });

  it("adds the domain to a name another agent holds, ignoring case", () => {
    expect(uniqueAgentName("MCP", "servers", taken)).toBe("MCP (servers)");
  });

  it("numbers the name when the domain does not set it apart", () => {
    expect(uniqueAgentName("Resource", "files", taken)).toBe("Resource 2");
    expect(uniqueAgentName("Mcp", "", taken)).toBe("Mcp 2");
    expect(uniqueAgentName("Mcp", "mcp", taken)).toBe("Mcp 2");
  });
});
