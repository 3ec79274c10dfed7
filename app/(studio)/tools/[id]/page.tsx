import Link from "next/link";
import { notFound } from "next/navigation";
import { PassRateCard, trajectoriesHref } from "@/components/review/pass-rate";
import { OverruleForm } from "@/components/tools/overrule-form";
import { SyntheticOriginView } from "@/components/tools/synthetic-origin";
import { QualityBadge } from "@/components/tools/quality-badge";
import { JsonBlock, SchemaView } from "@/components/tools/schema-view";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getToolDetail, toolHeading } from "@/lib/catalog/queries";
import { readProvenance } from "@/lib/catalog/provenance";
import { parseReasons } from "@/lib/catalog/quality";
import { specOfTool } from "@/lib/catalog/spec";
import { loadSyntheticOrigin } from "@/lib/catalog/synthetic-origin";
import { db } from "@/lib/db/client";
import { EMPTY_PASS_RATE, passRatesByTool, TOOL_TRAJECTORIES_DEFINITION } from "@/lib/review/pass-rates";
import { overruleQualityAction } from "./actions";
import { utcMinute } from "@/lib/util/format";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const tool = await toolHeading(db(), (await params).id);
  return { title: tool ? `Tool: ${tool.title ?? tool.name}` : "Tool" };
}

const when = (d: Date) => `${utcMinute(d)} UTC`;

export default async function ToolPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const tool = await getToolDetail(db(), (await params).id);
  if (!tool) notFound();
  const [rates, origin] = await Promise.all([
    passRatesByTool(db(), [tool.id]),
    tool.origin === "synthetic" ? loadSyntheticOrigin(db(), tool.provenance) : null,
  ]);
  const spec = specOfTool(tool);
  const reasons = parseReasons(tool.qualityReasons);
  const normalizations = Array.isArray(tool.normalizations) ? (tool.normalizations as { path: string; message: string }[]) : [];
  const duplicate = readProvenance(tool.provenance).duplicate;
  return (
    <>
      <PageHeader
        title={tool.title ? `${tool.title} (${tool.name})` : tool.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {/* a synthetic tool's key is internal (category id + name); its origin card says where it came from */}
            {tool.origin !== "synthetic" && <span className="font-mono text-xs">{tool.key}</span>}
            <Badge>{tool.origin}</Badge>
            <QualityBadge quality={tool.quality} score={tool.qualityScore} />
            {tool.source && (
              <Link href={`/tools?sourceId=${tool.source.id}`} className="text-indigo-600 hover:underline">
                {tool.source.name}
              </Link>
            )}
            {tool.category && (
              <Link href={`/tools?categoryId=${tool.category.id}`} className="text-indigo-600 hover:underline">
                {tool.category.parent ? `${tool.category.parent.name} › ` : ""}
                {tool.category.name}
              </Link>
            )}
          </span>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card title="Description">
            <p className="whitespace-pre-wrap text-sm text-slate-800">{tool.description || <em className="text-slate-500">none</em>}</p>
          </Card>
          <Card title="Parameters">
            <SchemaView schema={tool.inputSchema} />
          </Card>
          <Card title="Spec as JSON">
            <JsonBlock value={spec} />
          </Card>
          <Card title={`History (${tool.versions.length} version${tool.versions.length === 1 ? "" : "s"})`}>
            <ol className="space-y-2">
              {tool.versions.map((v, i) => (
                <li key={v.id}>
                  <details>
                    <summary className="cursor-pointer text-sm text-slate-700">
                      {when(v.createdAt)} · <span className="font-mono text-xs">{v.specHash.slice(0, 12)}</span>
                      {i === 0 && <span className="ml-2 text-xs text-emerald-700">current</span>}
                    </summary>
                    <JsonBlock value={v.spec} />
                  </details>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div className="space-y-6">
          {origin && (
            <Card title="Made from">
              <SyntheticOriginView origin={origin} />
            </Card>
          )}
          <PassRateCard rate={rates[tool.id] ?? EMPTY_PASS_RATE} href={trajectoriesHref({ toolId: tool.id })} note={TOOL_TRAJECTORIES_DEFINITION} />
          <Card title="Quality">
            {reasons.length ? (
              <ul className="space-y-1.5 text-sm">
                {reasons.map((r, i) => (
                  <li key={i} className={r.blocking ? "text-rose-700" : "text-slate-700"}>
                    <span className="font-mono text-xs text-slate-500">{r.by}</span> {r.message}
                    {r.penalty > 0 && <span className="ml-1 text-xs text-slate-500">−{r.penalty}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">{tool.quality === "pending" ? "Not filtered yet: filled by the quality stage." : "No findings."}</p>
            )}
            {hasRole(user.role, "admin") && (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <p className="mb-2 text-xs text-slate-500">Overrule the verdict:</p>
                <OverruleForm toolId={tool.id} overrule={overruleQualityAction} />
              </div>
            )}
          </Card>
          <Card title="Normalizations">
            {normalizations.length ? (
              <ul className="space-y-1 text-xs">
                {normalizations.map((n, i) => (
                  <li key={i}>
                    <span className="font-mono text-slate-500">{n.path}</span> <span className="text-slate-800">{n.message}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">Read as it was, nothing changed.</p>
            )}
          </Card>
          <Card title="Duplicates">
            {tool.duplicateOf ? (
              <p className="text-sm">
                Duplicates{" "}
                <Link href={`/tools/${tool.duplicateOf.id}`} className="font-mono text-indigo-700 hover:underline">
                  {tool.duplicateOf.key}
                </Link>
                {duplicate && <span className="text-slate-500"> ({duplicate.kind === "near" ? `near, cosine ${duplicate.similarity}` : duplicate.kind})</span>}
              </p>
            ) : (
              <p className="text-sm text-slate-500">Not a duplicate.</p>
            )}
            {tool.duplicates.length > 0 && (
              <ul className="mt-2 space-y-0.5 text-sm">
                {tool.duplicates.map((d) => (
                  <li key={d.id}>
                    <Link href={`/tools/${d.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                      {d.key}
                    </Link>{" "}
                    duplicates it
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Agents using it">
            {tool.agents.length ? (
              <ul className="space-y-0.5 text-sm">
                {tool.agents.map((a) => (
                  <li key={a.agent.id}>
                    <Link href={`/agents/${a.agent.id}`} className="text-indigo-700 hover:underline">
                      {a.agent.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">({a.role})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">None yet.</p>
            )}
          </Card>
          {tool.source?.serverName && (
            <Card title="Server">
              <p className="text-sm text-slate-700">
                {tool.source.serverName} {tool.source.serverVersion}
              </p>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
