import { agentSynthesisConfig, taskSynthesisConfig, toolSynthesisConfig } from "@/lib/synthesis/config";
import { difficulties } from "@/lib/synthesis/task-schemas";
import type { FormFieldSpec } from "./run-form";

// The settings each synthesis form offers, with the stage's own defaults.
// Built on the server and handed to the client form as plain data.

type Option = { id: string; name: string };

export function toolFormFields(categories: (Option & { tools: number })[]): FormFieldSpec[] {
  const d = toolSynthesisConfig.parse({});
  return [
    {
      kind: "many",
      name: "categoryIds",
      label: "Categories",
      hint: "None selected: every category with tools",
      options: categories.map((c) => ({ value: c.id, label: `${c.name} (${c.tools})` })),
      defaultValue: [],
    },
    {
      kind: "number",
      name: "perCategory",
      label: "Synthetic tools per category",
      hint: "Counts those already there; a rerun adds only the difference",
      min: 1,
      max: 2000,
      defaultValue: d.perCategory,
    },
    {
      kind: "number",
      name: "total",
      label: "Global target",
      hint: "Optional; spread evenly over the categories",
      min: 1,
      max: 500_000,
      defaultValue: null,
      optional: true,
    },
    { kind: "number", name: "domainsPerCategory", label: "Application domains per category", min: 1, max: 12, defaultValue: d.domainsPerCategory },
    { kind: "number", name: "toolsPerCall", label: "Tools per generator call", min: 1, max: 10, defaultValue: d.toolsPerCall },
    { kind: "number", name: "seedTools", label: "Seed tools shown", min: 0, max: 30, defaultValue: d.seedTools },
    { kind: "number", name: "duplicateThreshold", label: "Near-duplicate cosine", min: 0.5, max: 1, step: 0.01, defaultValue: d.duplicateThreshold },
    { kind: "number", name: "seed", label: "Seed", hint: "Same seed, same catalogue: same tools", min: 0, max: 2 ** 31 - 1, defaultValue: d.seed },
    { kind: "number", name: "concurrency", label: "Generator calls in flight", min: 1, max: 256, defaultValue: d.concurrency },
    { kind: "checkbox", name: "cache", label: "Use the response cache", defaultValue: d.cache },
    { kind: "checkbox", name: "batch", label: "Batch mode (Batch API: half price, answers within 24 h)", defaultValue: d.batch },
  ];
}

export function agentFormFields(): FormFieldSpec[] {
  const d = agentSynthesisConfig.parse({});
  return [
    { kind: "number", name: "count", label: "Agents", min: 1, max: 100_000, defaultValue: d.count },
    { kind: "number", name: "minCoreTools", label: "Core tools, at least", min: 1, max: 64, defaultValue: d.minCoreTools },
    { kind: "number", name: "maxCoreTools", label: "Core tools, at most", min: 1, max: 64, defaultValue: d.maxCoreTools },
    { kind: "number", name: "maxCategories", label: "Related categories, at most", min: 1, max: 3, defaultValue: d.maxCategories },
    {
      kind: "number",
      name: "distractorRatio",
      label: "Distractors per core tool",
      hint: "From unrelated categories; 0 for none",
      min: 0,
      max: 2,
      step: 0.05,
      defaultValue: d.distractorRatio,
    },
    {
      kind: "number",
      name: "syntheticShare",
      label: "Share of synthetic tools",
      hint: "0 = real only, 1 = synthetic only",
      min: 0,
      max: 1,
      step: 0.05,
      defaultValue: d.syntheticShare,
    },
    { kind: "number", name: "promptSimilarity", label: "Near-identical prompt overlap", min: 0.5, max: 1, step: 0.01, defaultValue: d.promptSimilarity },
    { kind: "number", name: "seed", label: "Seed", min: 0, max: 2 ** 31 - 1, defaultValue: d.seed },
    { kind: "number", name: "concurrency", label: "Generator calls in flight", min: 1, max: 256, defaultValue: d.concurrency },
    { kind: "checkbox", name: "cache", label: "Use the response cache", defaultValue: d.cache },
    { kind: "checkbox", name: "batch", label: "Batch mode (Batch API: half price, answers within 24 h)", defaultValue: d.batch },
  ];
}

export function taskFormFields(agents: Option[]): FormFieldSpec[] {
  const d = taskSynthesisConfig.parse({});
  return [
    {
      kind: "many",
      name: "agentIds",
      label: "Agents",
      hint: "None selected: every agent",
      options: agents.map((a) => ({ value: a.id, label: a.name })),
      defaultValue: [],
    },
    { kind: "number", name: "perAgent", label: "Tool-use tasks per agent", min: 0, max: 50, defaultValue: d.perAgent },
    {
      kind: "many",
      name: "difficulties",
      label: "Difficulties",
      hint: "Taken in turn",
      options: difficulties.map((x) => ({ value: x, label: x.replace("_", " ") })),
      defaultValue: [...difficulties],
    },
    { kind: "number", name: "interactiveShare", label: "Share played with a simulated user", min: 0, max: 1, step: 0.05, defaultValue: d.interactiveShare },
    { kind: "number", name: "codeTasksPerAgent", label: "Code tasks per agent", hint: "Hidden unit tests", min: 0, max: 10, defaultValue: d.codeTasksPerAgent },
    { kind: "number", name: "mathTasksPerAgent", label: "Math tasks per agent", hint: "Exact answers", min: 0, max: 10, defaultValue: d.mathTasksPerAgent },
    { kind: "number", name: "seed", label: "Seed", min: 0, max: 2 ** 31 - 1, defaultValue: d.seed },
    { kind: "number", name: "concurrency", label: "Generator calls in flight", min: 1, max: 256, defaultValue: d.concurrency },
    { kind: "checkbox", name: "cache", label: "Use the response cache", defaultValue: d.cache },
    { kind: "checkbox", name: "batch", label: "Batch mode (Batch API: half price, answers within 24 h)", defaultValue: d.batch },
  ];
}
