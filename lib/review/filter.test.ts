import { describe, expect, it } from "vitest";
import { isFiltered, listFilterQuery, listWhere, parseListFilter } from "./filter";
import { EPISODE_ENDED } from "../trajectory/ended";

describe("list filter in the URL", () => {
  it("reads a query string and writes it back canonically, defaults left out", () => {
    const f = parseListFilter("q=paris&verdict=accepted&sort=created&dir=desc&page=1&minScore=0.5");
    expect(f).toMatchObject({ verdict: "accepted", q: "paris", minScore: 0.5, sort: "created", dir: "desc", page: 1, size: 50 });
    expect(listFilterQuery(f)).toBe("verdict=accepted&minScore=0.5&q=paris");
    expect(parseListFilter(listFilterQuery(f))).toEqual(f);
  });

  it("reads Next's searchParams, taking the first of repeated values and ignoring empty fields of a GET form", () => {
    const f = parseListFilter({ judge: ["rejected", "accepted"], agentId: "", model: "  ", tag: "gold", page: "3" });
    expect(f).toMatchObject({ judge: "rejected", tag: "gold", page: 3 });
    expect(f.agentId).toBeUndefined();
    expect(f.model).toBeUndefined();
  });

  it("treats values it does not know as no filter instead of failing the page", () => {
    const f = parseListFilter("verdict=maybe&minScore=7&sort=colour&page=-2&size=13&difficulty=impossible&disagree=yes");
    expect(f).toMatchObject({ verdict: undefined, minScore: undefined, sort: "created", page: 1, size: 50, difficulty: undefined, disagree: "yes" });
    expect(isFiltered(f)).toBe(true);
    expect(isFiltered(parseListFilter("sort=score&page=4"))).toBe(false);
  });

  it("lets a link change one value and drop another", () => {
    const f = parseListFilter("verdict=rejected&page=4");
    expect(listFilterQuery(f, { sort: "score", dir: "asc", page: undefined })).toBe("verdict=rejected&sort=score&dir=asc");
  });

  it("reads a tool filter, writes it after the category, and asks for agents that offer the tool", () => {
    const f = parseListFilter("toolId=tool-7&categoryId=cat-1&verdict=accepted");
    expect(f.toolId).toBe("tool-7");
    expect(isFiltered(parseListFilter("toolId=tool-7"))).toBe(true);
    expect(listFilterQuery(f)).toBe("verdict=accepted&categoryId=cat-1&toolId=tool-7");
    expect(listWhere({ toolId: "tool-7" })).toEqual({ AND: [{ agent: { tools: { some: { toolId: "tool-7" } } } }, EPISODE_ENDED] });
    expect(parseListFilter(`toolId=${"x".repeat(65)}`).toolId).toBeUndefined();
  });
});
