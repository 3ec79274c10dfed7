import { z } from "zod";

// Task.rubric is written by synthesis (and by imports) as JSON. The judge
// reads the criteria out of the shapes it can take: a list of strings, a list
// of objects, or an object holding success criteria and checkpoints.

export const criterionSchema = z.object({
  id: z.string(),
  text: z.string(),
  weight: z.number().positive(),
});
export type Criterion = z.infer<typeof criterionSchema>;

const itemSchema = z.union([
  z.string().min(1),
  z
    .object({
      id: z.union([z.string(), z.number()]).optional(),
      name: z.string().optional(),
      title: z.string().optional(),
      criterion: z.string().optional(),
      description: z.string().optional(),
      text: z.string().optional(),
      weight: z.number().positive().optional(),
    })
    .loose(),
]);

const LIST_KEYS = ["criteria", "successCriteria", "success_criteria", "checkpoints"] as const;

export const GOAL_CRITERION: Criterion = { id: "goal", text: "The agent accomplished the user's goal correctly and completely.", weight: 1 };

function fromItems(items: unknown[], prefix: string): Criterion[] {
  return items.flatMap((raw, i) => {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) return [];
    const item = parsed.data;
    if (typeof item === "string") return [{ id: `${prefix}${i + 1}`, text: item, weight: 1 }];
    const text = item.criterion ?? item.text ?? item.description ?? item.title ?? item.name;
    if (!text) return [];
    const id = item.id !== undefined ? String(item.id) : (item.name ?? `${prefix}${i + 1}`);
    return [{ id, text, weight: item.weight ?? 1 }];
  });
}

/** The criteria a trajectory is judged on; a task without any is judged on its goal. */
export function rubricCriteria(rubric: unknown): Criterion[] {
  let found: Criterion[] = [];
  if (Array.isArray(rubric)) found = fromItems(rubric, "c");
  else if (rubric && typeof rubric === "object") {
    const obj = rubric as Record<string, unknown>;
    found = LIST_KEYS.flatMap((key) => (Array.isArray(obj[key]) ? fromItems(obj[key] as unknown[], key === "checkpoints" ? "k" : "c") : []));
  }
  const seen = new Set<string>();
  const unique = found.filter((c) => !seen.has(c.id) && seen.add(c.id));
  return unique.length > 0 ? unique : [GOAL_CRITERION];
}
