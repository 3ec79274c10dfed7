import type { StepKind } from "@/lib/review/steps";

/** One colour per step kind, shared by the timeline and the step cards. */
export const STEP_KIND_STYLE: Record<StepKind, { bar: string; chip: string }> = {
  system: { bar: "bg-slate-300", chip: "bg-slate-100 text-slate-700" },
  user: { bar: "bg-sky-400", chip: "bg-sky-50 text-sky-800" },
  assistant: { bar: "bg-indigo-400", chip: "bg-indigo-50 text-indigo-800" },
  tool_call: { bar: "bg-violet-500", chip: "bg-violet-50 text-violet-800" },
  tool_result: { bar: "bg-emerald-400", chip: "bg-emerald-50 text-emerald-800" },
  error: { bar: "bg-rose-500", chip: "bg-rose-50 text-rose-800" },
};
