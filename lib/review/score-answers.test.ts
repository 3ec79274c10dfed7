import { describe, expect, it } from "vitest";
import { answersToSend, choose, optionKeys, optionKeysHelp } from "./score-answers";
import type { ScoreConfigView } from "./score-config-schema";

const base = { description: "", scope: "trajectory" as const, options: [], multiple: false, min: null, max: null };
const helpful: ScoreConfigView = { ...base, id: "h", name: "Helpful", kind: "boolean" };
const tone: ScoreConfigView = { ...base, id: "t", name: "Tone", kind: "categorical", options: ["polite", "curt", "rude"] };
const issues: ScoreConfigView = {
  ...base,
  id: "i",
  name: "Issues",
  kind: "categorical",
  options: ["slow", "verbose", "wrong", "late", "other"],
  multiple: true,
};
const quality: ScoreConfigView = { ...base, id: "q", name: "Quality", kind: "numeric", min: 1, max: 5 };
const summary: ScoreConfigView = { ...base, id: "s", name: "Summary", kind: "text" };

describe("answering from the keyboard", () => {
  it("numbers the options of yes/no and categorical configs 1–9 then 0, and lists them for the ? overlay", () => {
    const keys = optionKeys([helpful, quality, tone, issues, summary]);
    expect(keys.map((k) => `${k.key}:${k.configId}:${String(k.option)}`)).toEqual([
      "1:h:true",
      "2:h:false",
      "3:t:polite",
      "4:t:curt",
      "5:t:rude",
      "6:i:slow",
      "7:i:verbose",
      "8:i:wrong",
      "9:i:late",
      "0:i:other",
    ]);
    expect(optionKeysHelp([helpful, tone, issues], keys)).toEqual([
      { keys: "1 / 2", does: "Helpful: yes / no" },
      { keys: "3 / 4 / 5", does: "Tone: polite / curt / rude" },
      { keys: "6 / 7 / 8 / 9 / 0", does: "Issues: slow / verbose / wrong / late / other" },
    ]);
    // past ten options the rest have no key
    expect(optionKeys([tone, issues, tone])).toHaveLength(10);
  });

  it("a single choice is set and cleared by choosing it again; a multi-label choice toggles, kept in the options' order", () => {
    expect(choose(helpful, undefined, false)).toBe(false);
    expect(choose(helpful, false, false)).toBeUndefined();
    expect(choose(tone, "polite", "curt")).toBe("curt");
    expect(choose(issues, undefined, "wrong")).toEqual(["wrong"]);
    expect(choose(issues, ["wrong"], "slow")).toEqual(["slow", "wrong"]);
    expect(choose(issues, ["slow", "wrong"], "wrong")).toEqual(["slow"]);
    expect(choose(issues, ["slow"], "slow")).toBeUndefined();
  });

  it("sends what was answered, numbers as numbers, and leaves out the rest", () => {
    expect(answersToSend([helpful, tone, quality, summary], { h: false, q: "4.5", s: "" })).toEqual([
      { configId: "h", value: false },
      { configId: "q", value: 4.5 },
    ]);
  });
});
