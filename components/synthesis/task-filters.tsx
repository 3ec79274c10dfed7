import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { difficulties } from "@/lib/synthesis/task-schemas";
import type { TaskFilter } from "@/lib/synthesis/queries";
import { SHOWN_K } from "@/lib/judge/pass-k";

/** A plain GET form: filters live in the URL, so a filtered list can be linked to. */
export function TaskFilters({ filter, agents }: { filter: TaskFilter; agents: { id: string; name: string }[] }) {
  return (
    <form method="get" className="mb-3 flex flex-wrap items-end gap-3" data-testid="task-filters">
      <label className="text-xs text-slate-500">
        Agent
        <Select name="agentId" defaultValue={filter.agentId ?? ""} className="w-56">
          <option value="">any</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Difficulty
        <Select name="difficulty" defaultValue={filter.difficulty ?? ""}>
          <option value="">any</option>
          {difficulties.map((d) => (
            <option key={d} value={d}>
              {d.replace("_", " ")}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Environment
        <Select name="environment" defaultValue={filter.environment ?? ""}>
          <option value="">any</option>
          {["simulated", "mcp", "code", "math"].map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Mode
        <Select name="mode" defaultValue={filter.mode ?? ""}>
          <option value="">any</option>
          <option value="interactive">interactive</option>
          <option value="autonomous">autonomous</option>
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Solved
        <Select name="solved" defaultValue={filter.solved ?? ""}>
          <option value="">any</option>
          <option value="never">by no episode</option>
          <option value="sometimes">by some episodes</option>
          <option value="always">by every episode</option>
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Sort
        <Select name="sort" defaultValue={filter.sort}>
          <option value="created">newest first</option>
          <option value="passK">by pass^k</option>
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        k
        <Select name="k" defaultValue={String(filter.k)}>
          {Array.from({ length: SHOWN_K }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-500">
        Order
        <Select name="dir" defaultValue={filter.dir}>
          <option value="asc">hardest first</option>
          <option value="desc">easiest first</option>
        </Select>
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
