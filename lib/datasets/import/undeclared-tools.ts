import { createHash } from "node:crypto";
import type { Prisma } from "../../db/client";
import type { ToolSpec } from "../../trajectory/types";

/**
 * Gives every undeclared tool of an imported trajectory a Tool row of origin
 * "undeclared" (one per name, shared by later imports) so it shows in the
 * catalogue, flagged, instead of being dropped. Returns the specs with toolId.
 */
export async function registerUndeclaredTools(tx: Prisma.TransactionClient, tools: ToolSpec[], runId: string): Promise<ToolSpec[]> {
  const out: ToolSpec[] = [];
  for (const spec of tools) {
    if (!spec.undeclared) {
      out.push(spec);
      continue;
    }
    const row = await tx.tool.upsert({
      where: { key: `undeclared:${spec.name}` },
      create: {
        origin: "undeclared",
        key: `undeclared:${spec.name}`,
        name: spec.name,
        description: spec.description,
        inputSchema: spec.parameters as Prisma.InputJsonValue,
        specHash: createHash("sha256")
          .update(JSON.stringify([spec.name, spec.description, spec.parameters]))
          .digest("hex"),
        provenance: { importedBy: runId, parametersInferredFromCalls: true },
        runId,
      },
      update: {},
      select: { id: true },
    });
    out.push({ ...spec, toolId: row.id });
  }
  return out;
}
