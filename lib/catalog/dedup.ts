import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { fromRows, normalizeRows } from "./space/matrix";
import { earliestSimilar } from "./space/near-neighbours";
import { opposedNames } from "./opposed-names";
import { readProvenance, type DuplicateInfo } from "./provenance";
import { canonicalJson } from "./spec";

// Marks real tools that duplicate another: exactly (same spec, or same name
// and input schema) or nearly (embedding cosine ≥ threshold). Of a group the
// best tool stays canonical — accepted before pending before rejected, then
// from the oldest source, then the oldest — and every other points at it, with why in provenance.duplicate.
// Tools whose names are opposites (follow / unfollow, a_to_b / b_to_a) are never near duplicates.

export const dedupConfigSchema = z.object({ threshold: z.number().min(0.5).max(1).default(0.95) });
export type DedupConfig = z.infer<typeof dedupConfigSchema>;

export type DedupSummary = { tools: number; exact: number; near: number; changed: number };

const QUALITY_RANK = { accepted: 0, pending: 1, rejected: 2 } as const;

type Candidate = {
  id: string;
  key: string;
  name: string;
  specHash: string;
  inputSchema: unknown;
  embedding: number[];
  duplicateOfId: string | null;
  provenance: unknown;
};

function plan(tools: Candidate[], threshold: number): Map<string, { of: string; info: DuplicateInfo }> {
  const result = new Map<string, { of: string; info: DuplicateInfo }>();
  const byId = new Map(tools.map((t) => [t.id, t]));
  const root = (id: string) => result.get(id)?.of ?? id;
  const bySpec = new Map<string, string>();
  const byNameSchema = new Map<string, string>();
  for (const t of tools) {
    const nameSchema = createHash("sha256")
      .update(`${t.name}\n${canonicalJson(t.inputSchema)}`)
      .digest("hex");
    const sameSpec = bySpec.get(t.specHash);
    const sameShape = byNameSchema.get(nameSchema);
    if (sameSpec) result.set(t.id, { of: root(sameSpec), info: { kind: "exact-spec", of: byId.get(root(sameSpec))!.key, similarity: 1 } });
    else if (sameShape) result.set(t.id, { of: root(sameShape), info: { kind: "same-name-and-schema", of: byId.get(root(sameShape))!.key, similarity: 1 } });
    bySpec.set(t.specHash, bySpec.get(t.specHash) ?? t.id);
    byNameSchema.set(nameSchema, byNameSchema.get(nameSchema) ?? t.id);
  }
  const dims = new Map<number, number>();
  for (const t of tools) if (t.embedding.length) dims.set(t.embedding.length, (dims.get(t.embedding.length) ?? 0) + 1);
  const dim = [...dims.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const embedded = tools.filter((t) => !result.has(t.id) && t.embedding.length === dim);
  if (embedded.length > 1) {
    const { of, similarity } = earliestSimilar(normalizeRows(fromRows(embedded.map((t) => t.embedding))), threshold, {
      accept: (i, j) => !opposedNames(embedded[i].name, embedded[j].name),
    });
    embedded.forEach((t, i) => {
      if (of[i] === -1) return;
      const target = root(embedded[of[i]].id);
      result.set(t.id, { of: target, info: { kind: "near", of: byId.get(target)!.key, similarity: Math.round(similarity[i] * 10_000) / 10_000 } });
    });
  }
  return result;
}

export async function markDuplicates(db: Db, config: DedupConfig = dedupConfigSchema.parse({})): Promise<DedupSummary> {
  const rows = await db.tool.findMany({
    where: { origin: "real" },
    select: {
      ...{
        id: true,
        key: true,
        name: true,
        specHash: true,
        inputSchema: true,
        embedding: true,
        duplicateOfId: true,
        provenance: true,
        quality: true,
        createdAt: true,
      },
      source: { select: { builtin: true, createdAt: true } },
    },
  });
  // sources harvested side by side create tools in any order: the older source decides, not the clock of its tools
  const sourceAge = (t: (typeof rows)[number]) => (t.source ? (t.source.builtin ? 0 : t.source.createdAt.getTime()) : Number.MAX_SAFE_INTEGER);
  rows.sort(
    (a, b) =>
      QUALITY_RANK[a.quality] - QUALITY_RANK[b.quality] ||
      sourceAge(a) - sourceAge(b) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.key < b.key ? -1 : 1),
  );
  const planned = plan(rows, config.threshold);
  const ids: string[] = [];
  const targets: (string | null)[] = [];
  const infos: (string | null)[] = [];
  for (const t of rows) {
    const p = planned.get(t.id);
    const current = readProvenance(t.provenance).duplicate;
    if ((p?.of ?? null) === t.duplicateOfId && canonicalJson(p?.info ?? null) === canonicalJson(current ?? null)) continue;
    ids.push(t.id);
    targets.push(p?.of ?? null);
    infos.push(p ? JSON.stringify(p.info) : null);
  }
  if (ids.length) {
    await db.$executeRaw`update "Tool" t set "duplicateOfId" = v.dup,
        provenance = case when v.info is null then t.provenance - 'duplicate' else jsonb_set(t.provenance, '{duplicate}', v.info::jsonb) end,
        "updatedAt" = now()
      from unnest(${ids}::text[], ${targets}::text[], ${infos}::text[]) as v(id, dup, info) where t.id = v.id`;
  }
  const values = [...planned.values()];
  return {
    tools: rows.length,
    exact: values.filter((v) => v.info.kind !== "near").length,
    near: values.filter((v) => v.info.kind === "near").length,
    changed: ids.length,
  };
}
