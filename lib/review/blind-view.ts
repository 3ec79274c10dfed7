import type { Db } from "../db/client";
import { effectiveVerdict } from "../trajectory/verdict";
import { othersHidden } from "./blind";
import { annotatedSteps } from "./step-annotations";
import { loadTrajectoryView, type TrajectoryView } from "./viewer";

/** The view with only the viewer's own labels in it. */
export function withOwnLabelsOnly(view: TrajectoryView, viewerId: string): TrajectoryView {
  const reviews = view.reviews.filter((r) => r.reviewer.id === viewerId);
  const annotations = view.annotations.filter((a) => a.authorId === viewerId);
  const humanVerdict = reviews[0]?.verdict ?? null;
  return {
    ...view,
    trajectory: { ...view.trajectory, humanVerdict, effectiveVerdict: effectiveVerdict(view.trajectory.judgeVerdict, humanVerdict) },
    reviews,
    annotations,
    marks: { ...view.marks, annotated: annotatedSteps(annotations) },
  };
}

/** The trajectory as this viewer may see it: blind to others' labels where othersHidden says so. */
export async function loadTrajectoryViewFor(db: Db, id: string, viewerId: string): Promise<{ view: TrajectoryView; blind: boolean } | null> {
  const [view, blind] = await Promise.all([loadTrajectoryView(db, id), othersHidden(db, id, viewerId)]);
  if (!view) return null;
  return { view: blind ? withOwnLabelsOnly(view, viewerId) : view, blind };
}
