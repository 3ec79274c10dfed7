"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { HarvestInput, SetSourceDisabledInput, SourceRef, UpdateSourceInput } from "@/lib/catalog/source-inputs";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";
import { AddSourceForm, type EditedSource } from "./add-source-form";

export type SourceActions = {
  test: (input: SourceRef) => Promise<StageActionResult>;
  harvest: (input: HarvestInput) => Promise<StageActionResult>;
  update: (input: UpdateSourceInput) => Promise<StageActionResult>;
  setDisabled: (input: SetSourceDisabledInput) => Promise<StageActionResult>;
  remove: (input: SourceRef) => Promise<StageActionResult>;
};

type Props = {
  source: { id: string; name: string; kind: string; builtin: boolean; disabled: boolean; toolCount: number; config: Record<string, unknown> };
  actions: SourceActions;
};

/** Test connection (lists tools, stores nothing), harvest now, edit, disable or delete one source. */
export function SourceRowActions({ source, actions }: Props) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  const run = (work: () => Promise<StageActionResult>) => startTransition(async () => setResult(await work()));
  const editable = !source.builtin && (source.kind === "stdio" || source.kind === "http");
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={pending || source.disabled} onClick={() => run(() => actions.test({ sourceId: source.id }))}>
          Test
        </Button>
        <Button type="button" variant="secondary" disabled={pending || source.disabled} onClick={() => run(() => actions.harvest({ sourceIds: [source.id] }))}>
          Harvest now
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => run(() => actions.setDisabled({ sourceId: source.id, disabled: !source.disabled }))}
        >
          {source.disabled ? "Enable" : "Disable"}
        </Button>
        {!source.builtin && (
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() => {
              const tools = `${source.toolCount} tool${source.toolCount === 1 ? "" : "s"}`;
              if (
                window.confirm(
                  `Delete the source ${source.name}? Its settings go; its ${tools} stay in the catalogue (with every spec version) without a source.`,
                )
              ) {
                run(() => actions.remove({ sourceId: source.id }));
              }
            }}
          >
            Delete
          </Button>
        )}
      </div>
      {editable && (
        <details>
          <summary className="cursor-pointer text-xs text-indigo-700">Edit settings</summary>
          <div className="mt-2 w-[min(36rem,80vw)]">
            <AddSourceForm
              editing={{ id: source.id, name: source.name, kind: source.kind as EditedSource["kind"], config: source.config }}
              save={actions.update}
            />
          </div>
        </details>
      )}
      {pending ? <p className="text-xs text-slate-500">Working…</p> : <ActionFeedback result={result} />}
    </div>
  );
}
