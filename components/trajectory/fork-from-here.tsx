"use client";

import { useState } from "react";
import { ForkForm } from "@/components/simulation/fork-form";
import type { StartRunResult } from "@/lib/jobs/runs";
import type { ForkRequest } from "@/lib/review/fork";
import { STEP_KIND_LABELS, type StepKind } from "@/lib/review/steps";
import { stepNumber } from "@/lib/trajectory/step-number";
import type { Protocol } from "@/lib/simulation/options";
import { ForkProgress } from "./fork-progress";
import { useCurrentStep } from "./step-context";
import { useForkStarted } from "./use-lineage";

/** The simulation engineer's fork form, starting at the step the viewer is on. */
export function ForkFromHere({
  trajectoryId,
  kinds,
  protocol,
  seed,
  start,
}: {
  trajectoryId: string;
  kinds: StepKind[];
  protocol: Protocol;
  seed: number;
  start: (request: ForkRequest) => Promise<StartRunResult>;
}) {
  const { current } = useCurrentStep();
  const started = useForkStarted(trajectoryId);
  // kept here, not in the form, which starts afresh whenever the viewer moves to another step
  const [lastRun, setLastRun] = useState<string | null>(null);
  // a fork keeps steps 0 … k-1 and simulates again from step k (at least the first user message stays)
  const steps = [
    ...kinds.slice(1).map((kind, i) => ({ index: i + 1, label: `step ${stepNumber(i + 1)} (${STEP_KIND_LABELS[kind]}) onwards` })),
    { index: kinds.length, label: "after the last step" },
  ];
  const atStep = Math.min(Math.max(current, 1), kinds.length);
  return (
    <div className="space-y-2">
      <ForkForm
        key={atStep}
        trajectoryId={trajectoryId}
        steps={steps}
        protocol={protocol}
        seed={seed}
        defaultStep={atStep}
        start={start}
        onStarted={(runId) => (started(runId), setLastRun(runId))}
        renderStarted={() => null}
      />
      {lastRun && <ForkProgress trajectoryId={trajectoryId} runId={lastRun} />}
    </div>
  );
}
