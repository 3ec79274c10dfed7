"use client";

import { stepNumber } from "@/lib/trajectory/step-number";
import { useCallback, useEffect, useMemo, useState, type CSSProperties } from "react";
import { nextMarked } from "@/lib/review/steps";
import type { TrajectoryView } from "@/lib/review/viewer";
import { useShortcuts } from "./keyboard";
import { ReplayControls } from "./replay-controls";
import { StepCard } from "./step-card";
import { useCurrentStep } from "./step-context";
import { AnnotateStepForm, StepNoteList, type AnnotateAction } from "./step-notes";
import { Timeline } from "./timeline";
import type { ScoreConfigView } from "@/lib/review/score-config-schema";
import type { StepAnnotation } from "@/lib/review/step-annotations";
import type { Step } from "@/lib/trajectory/types";
import { CorrectionDiff } from "./correction-diff";

const VIEWER_HELP = [
  { keys: "j / ↓ / →", does: "next step" },
  { keys: "k / ↑ / ←", does: "previous step" },
  { keys: "Home / End", does: "first / last step" },
  { keys: "t / T", does: "next / previous tool call" },
  { keys: "v / V", does: "next / previous violation" },
  { keys: "c / C", does: "next / previous step the judge cited" },
  { keys: "n / N", does: "next / previous annotated step" },
  { keys: "p", does: "play / pause the replay" },
];

type Props = Pick<TrajectoryView, "steps" | "marks" | "citations"> & {
  trajectoryId?: string;
  annotations?: StepAnnotation[];
  /** reviewers annotate steps with these step-level configurations */
  annotate?: { action: AnnotateAction; configs: ScoreConfigView[] };
  /** the latest corrected version's steps: each step it changed shows the diff */
  corrected?: Step[];
};

/** Writes ?step=N into the address bar without a navigation. */
function writeStepToUrl(step: number) {
  const url = new URL(window.location.href);
  const shown = url.searchParams.get("step");
  // the first step needs no parameter until someone has moved
  if (shown === String(step) || (shown === null && step === 0)) return;
  url.searchParams.set("step", String(step));
  window.history.replaceState(window.history.state, "", url);
}

/**
 * The height of the sticky timeline and controls, kept current as they wrap
 * (a phone, a resized window), so a step scrolled into view lands below them
 * (the step cards' scroll margin reads it as --viewer-sticky).
 */
function useStickyHeight() {
  const [px, setPx] = useState(0);
  const ref = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const observer = new ResizeObserver(() => setPx(Math.ceil(el.getBoundingClientRect().height)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [px, ref] as const;
}

/**
 * The conversation step by step: the current step is highlighted, kept in
 * the URL (?step=N) and moved with j/k or the arrows; t, v and c jump to the
 * next tool call, violation and judge citation (shift goes back); p plays
 * the trajectory step by step at the chosen speed; n jumps to the next
 * annotated step and m annotates the current one. Needs a StepProvider.
 */
export function TrajectoryViewer({ steps, marks, citations, trajectoryId, annotations = [], annotate, corrected }: Props) {
  const count = steps.length;
  const { current, setCurrent } = useCurrentStep();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(2);
  const [annotating, setAnnotating] = useState<number | null>(null);
  const [stickyPx, stickyRef] = useStickyHeight();

  const select = useCallback((i: number) => setCurrent(Math.min(Math.max(i, 0), Math.max(count - 1, 0))), [count, setCurrent]);

  // Step links elsewhere on the page (the judgement's citations) move the
  // viewer in place instead of reloading the page.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[data-step]");
      const href = link?.getAttribute("href");
      if (!link || !href?.startsWith("?step=")) return;
      e.preventDefault();
      e.stopPropagation();
      setPlaying(false);
      select(Number(link.getAttribute("data-step")));
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [select]);

  useEffect(() => {
    writeStepToUrl(current);
    const el = document.getElementById(`step-${current}`);
    if (!el) return;
    // "nearest" alone shows the bottom of a step taller than the room below the
    // timeline, or one above: its start would stay under the sticky controls
    const r = el.getBoundingClientRect();
    const tall = r.height > window.innerHeight - stickyPx - 16;
    el.scrollIntoView({ block: tall || r.top < stickyPx ? "start" : "nearest", behavior: playing ? "smooth" : "auto" });
  }, [current, playing, stickyPx]);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      setCurrent((c) => {
        if (c >= count - 1) {
          setPlaying(false);
          return c;
        }
        return c + 1;
      });
    }, 1000 / speed);
    return () => window.clearInterval(timer);
  }, [playing, speed, count, setCurrent]);

  const jump = useCallback(
    (list: number[], direction: 1 | -1) => {
      const target = nextMarked(list, current, direction);
      if (target !== null) select(target);
    },
    [current, select],
  );
  const togglePlay = () => {
    if (!playing && current >= count - 1) setCurrent(0);
    setPlaying((p) => !p);
  };
  const move = (delta: number) => () => {
    setPlaying(false);
    select(current + delta);
  };
  // the capital letter goes back, whether it came with shift or caps lock
  const jumpKey = (list: number[]) => (e: KeyboardEvent) => jump(list, e.shiftKey || e.key !== e.key.toLowerCase() ? -1 : 1);
  useShortcuts(
    {
      j: move(1),
      ArrowDown: move(1),
      ArrowRight: move(1),
      k: move(-1),
      ArrowUp: move(-1),
      ArrowLeft: move(-1),
      Home: () => select(0),
      End: () => select(count - 1),
      t: jumpKey(marks.toolCalls),
      T: jumpKey(marks.toolCalls),
      v: jumpKey(marks.violations),
      V: jumpKey(marks.violations),
      c: jumpKey(marks.citations),
      C: jumpKey(marks.citations),
      p: togglePlay,
      n: jumpKey(marks.annotated),
      N: jumpKey(marks.annotated),
      ...(annotate ? { m: () => setAnnotating(current) } : {}),
    },
    annotate ? [...VIEWER_HELP, { keys: "m", does: "annotate the current step" }] : VIEWER_HELP,
  );

  const kinds = useMemo(() => steps.map((s) => s.kind), [steps]);
  const violationSet = useMemo(() => new Set(marks.violations), [marks.violations]);
  const citationSet = useMemo(() => new Set(marks.citations), [marks.citations]);
  const annotatedSet = useMemo(() => new Set(marks.annotated), [marks.annotated]);
  const notesByStep = useMemo(() => {
    const by = new Map<number, StepAnnotation[]>();
    for (const a of annotations) by.set(a.step, [...(by.get(a.step) ?? []), a]);
    return by;
  }, [annotations]);

  if (count === 0) return <p className="text-sm text-slate-500">This trajectory has no steps.</p>;
  return (
    <div className="space-y-3" data-testid="trajectory-viewer" data-current-step={current} style={{ "--viewer-sticky": `${stickyPx}px` } as CSSProperties}>
      <div
        ref={stickyRef}
        data-testid="viewer-sticky"
        className="sticky top-0 z-10 space-y-2 rounded-lg border border-slate-200 bg-white/95 p-3 shadow-sm backdrop-blur"
      >
        <Timeline kinds={kinds} violations={violationSet} citations={citationSet} annotated={annotatedSet} current={current} onSelect={select} />
        <ReplayControls
          count={count}
          current={current}
          playing={playing}
          speed={speed}
          onPlayToggle={togglePlay}
          onSpeed={setSpeed}
          onSelect={select}
          jumps={[
            { label: "Tool call", shortcut: "t", disabled: nextMarked(marks.toolCalls, current, 1) === null, onClick: () => jump(marks.toolCalls, 1) },
            { label: "Violation", shortcut: "v", disabled: nextMarked(marks.violations, current, 1) === null, onClick: () => jump(marks.violations, 1) },
            { label: "Citation", shortcut: "c", disabled: nextMarked(marks.citations, current, 1) === null, onClick: () => jump(marks.citations, 1) },
            { label: "Annotated", shortcut: "n", disabled: nextMarked(marks.annotated, current, 1) === null, onClick: () => jump(marks.annotated, 1) },
          ]}
        />
      </div>
      <ol className="space-y-2" aria-label="Steps">
        {steps.map((s) => (
          <li key={s.index}>
            <StepCard step={s} active={s.index === current} citations={citations[s.index]} notes={notesByStep.get(s.index)?.length ?? 0} onSelect={select} />
            {corrected?.[s.index] && <CorrectionDiff original={s} corrected={corrected[s.index]} />}
            <StepNoteList notes={notesByStep.get(s.index) ?? []} />
            {annotate &&
              trajectoryId &&
              (annotating === s.index ? (
                <AnnotateStepForm
                  trajectoryId={trajectoryId}
                  step={s.index}
                  configs={annotate.configs}
                  action={annotate.action}
                  onDone={() => setAnnotating(null)}
                />
              ) : (
                // only under the current step, so the list does not repeat it 300 times
                s.index === current && (
                  <button
                    type="button"
                    className="mt-1 text-xs text-indigo-700 hover:underline"
                    onClick={() => setAnnotating(s.index)}
                    data-testid="annotate-step"
                  >
                    Annotate step {stepNumber(s.index)} <kbd className="rounded bg-slate-100 px-1 font-mono text-[10px] text-slate-600">m</kbd>
                  </button>
                )
              ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
