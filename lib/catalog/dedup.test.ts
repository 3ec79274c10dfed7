import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { cosine, offlineEmbedding } from "../llm/offline/embed";
import { markDuplicates } from "./dedup";
import { embeddingText } from "./embed-text";
import { opposedNames } from "./opposed-names";
import { upsertTools } from "./upsert";

// A shell source whose descriptions share a long boilerplate, as generated wrappers do.
const shell = (what: string) =>
  `${what} Belongs to the System category. Description: runs a shell command on the host system and returns its standard output as text.`;
const TOOLS = [
  { name: "cat", description: shell("Print the contents of a file.") },
  { name: "ls", description: shell("List the files in a directory.") },
  { name: "grep", description: shell("Search files for lines matching a pattern.") },
  { name: "rm", description: shell("Remove a file.") },
  { name: "tail", description: shell("Print the last lines of a file.") },
  { name: "liter_to_gallon", description: "Convert a volume in liters to gallons." },
  { name: "gallon_to_liter", description: "Convert a volume in gallons to liters." },
  { name: "follow_user", description: "Follow a user on the social network by their user id." },
  { name: "unfollow_user", description: "Unfollow a user on the social network by their user id." },
  { name: "enable_feature", description: "Turn a feature flag on for the workspace." },
  { name: "disable_feature", description: "Turn a feature flag on for the workspace." },
  { name: "get_weather", description: "Get the current weather for a city." },
  { name: "getWeather", description: "Get the current weather for a city." },
];
const vector = (name: string) => offlineEmbedding(embeddingText(TOOLS.find((t) => t.name === name)!));

describe("near duplicates on the offline embedder", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestDb());
  });

  it("keeps shell tools sharing a boilerplate apart: ls, grep, rm, tail stay below 0.8 to cat", () => {
    for (const name of ["ls", "grep", "rm", "tail"]) expect(cosine(vector(name), vector("cat"))).toBeLessThan(0.8);
  });

  it("tells names that differ by an antonym or a direction from names that say the same thing", () => {
    for (const [a, b] of [
      ["follow_user", "unfollow_user"],
      ["liter_to_gallon", "gallon_to_liter"],
      ["add_item", "removeItem"],
      ["enable_feature", "disable_feature"],
      ["convert_usd_to_eur", "convert_eur_to_usd"],
    ]) {
      expect(opposedNames(a, b), `${a} / ${b}`).toBe(true);
    }
    for (const [a, b] of [
      ["get_weather", "getWeather"],
      ["get_weather", "get_current_weather"],
      ["cat", "ls"],
      ["search_files", "search_file"],
    ])
      expect(opposedNames(a, b), `${a} / ${b}`).toBe(false);
  });

  it("marks only the same tool under another spelling, never opposites, even above the threshold", async () => {
    const source = await db.toolSource.create({ data: { name: "shell-and-friends", kind: "file", config: { path: "/dev/null" } } });
    const specs = TOOLS.map((t) => ({ spec: { ...t, inputSchema: { type: "object", properties: {} } }, normalizations: [] }));
    await upsertTools(db, source, specs);
    for (const t of TOOLS) await db.tool.updateMany({ where: { name: t.name }, data: { embedding: vector(t.name) } });
    // enable/disable share their description word for word: only the names tell them apart
    expect(cosine(vector("enable_feature"), vector("disable_feature"))).toBeGreaterThan(0.65);
    await markDuplicates(db, { threshold: 0.65 });
    const rows = await db.tool.findMany({ where: { sourceId: source.id }, select: { name: true, duplicateOf: { select: { name: true } } } });
    const marked = rows.filter((r) => r.duplicateOf).map((r) => [r.name, r.duplicateOf!.name]);
    expect(marked.map((pair) => pair.sort())).toEqual([["getWeather", "get_weather"]]);
  });
});
