// Who a failure belongs to (the Blame enum), in words for pages and filters. Pure: safe in client components.
export const BLAMES = ["agent", "user_simulator", "tool_simulator", "task", "infrastructure"] as const;
export type BlameName = (typeof BLAMES)[number];
export const BLAME_LABELS: Record<BlameName, string> = {
  agent: "the agent",
  user_simulator: "the user simulator",
  tool_simulator: "the tool simulator",
  task: "the task",
  infrastructure: "the infrastructure",
};
