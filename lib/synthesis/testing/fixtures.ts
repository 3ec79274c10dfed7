import type { QualityReason } from "../../catalog/quality";
import type { Db, Run, RunKind } from "../../db/client";
import { createStageContext } from "../../jobs/context";
import type { StageContext } from "../../jobs/types";
import { sha256 } from "../random";
import type { ToolChecks } from "../vetting";
import { fakeEmbedding } from "./fake-gateway";

/** Simple rule checks standing in for the catalogue's in tests that are about synthesis, not quality. */
export const testChecks: ToolChecks = {
  quality(spec) {
    const reasons: QualityReason[] = [];
    if (spec.description.length < 20) reasons.push({ code: "short", message: "description too short", penalty: 0.5, by: "rules" });
    const props = (spec.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
    for (const [name, p] of Object.entries(props))
      if (!p.description) reasons.push({ code: "undescribed", message: `parameter ${name} is not described`, penalty: 0.1, by: "rules" });
    return { accepted: reasons.length === 0, score: reasons.length ? 0.4 : 0.9, reasons };
  },
  specHash: (spec) => sha256(JSON.stringify([spec.name, spec.description, spec.inputSchema])),
  embeddingText: (t) => `${t.name}: ${t.description}`,
};

const AREAS = [
  ["Payments", "Charging cards and issuing refunds", ["charge_card", "refund_payment", "list_payouts"]],
  ["Invoicing", "Creating and sending invoices", ["create_invoice", "send_invoice", "void_invoice"]],
  ["Weather", "Forecasts and observations", ["get_forecast", "get_air_quality", "get_weather_alerts"]],
  ["Maps", "Geocoding and routing", ["geocode_address", "plan_route", "nearby_places"]],
  ["Calendar", "Events and scheduling", ["create_event", "find_free_slot", "cancel_event"]],
  ["Files", "Reading and writing files", ["read_file", "write_file", "list_directory"]],
] as const;

/** Six categories under two parents (money / world / work), three accepted real tools each, mapped and embedded. */
export async function seedCatalogue(db: Db) {
  const parents = await Promise.all(["Money", "World", "Work"].map((name) => db.category.create({ data: { name, description: `${name} domain` } })));
  const categories = [];
  for (const [i, [name, description, tools]] of AREAS.entries()) {
    const category = await db.category.create({
      data: { name, description, parentId: parents[Math.floor(i / 2)].id, centroidX: i * 10, centroidY: (i % 2) * 3 },
    });
    categories.push(category);
    for (const tool of tools) {
      const text = `${tool}: ${tool.replace(/_/g, " ")} for ${name.toLowerCase()} (${description.toLowerCase()})`;
      await db.tool.create({
        data: {
          origin: "real",
          key: `fixture/${tool}`,
          name: tool,
          description: `${tool.replace(/_/g, " ")} for ${name.toLowerCase()}: ${description.toLowerCase()}.`,
          inputSchema: { type: "object", properties: { id: { type: "string", description: "identifier" } }, required: ["id"] },
          specHash: sha256(tool),
          quality: "accepted",
          qualityScore: 0.9,
          embedding: fakeEmbedding(text),
          categoryId: category.id,
        },
      });
    }
  }
  return { parents, categories };
}

/** Three accepted synthetic tools per category, written directly (tests of agents and tasks need no tool run). */
export async function seedSyntheticTools(db: Db) {
  const categories = await db.category.findMany({ where: { tools: { some: {} } }, orderBy: { name: "asc" } });
  await db.tool.createMany({
    data: categories.flatMap((c) =>
      ["audit", "summarize", "export"].map((verb) => {
        const name = `${verb}_${c.name.toLowerCase()}_records`;
        return {
          origin: "synthetic" as const,
          key: `synthetic/${c.id}/${name}`,
          name,
          description: `${verb} ${c.name.toLowerCase()} records for an account and return what changed.`,
          inputSchema: { type: "object", properties: { account_id: { type: "string", description: "The account." } }, required: ["account_id"] },
          specHash: sha256(name),
          quality: "accepted" as const,
          embedding: fakeEmbedding(`${name} ${c.name}`),
          categoryId: c.id,
        };
      }),
    ),
  });
}

/** A run row and a stage context on it, as the worker would make. */
export async function stageContext(
  db: Db,
  kind: RunKind,
  config: object = {},
  signal = new AbortController().signal,
): Promise<{ run: Run; ctx: StageContext }> {
  const run = await db.run.create({ data: { kind, status: "running", config } });
  return { run, ctx: createStageContext(db, run, signal) };
}
