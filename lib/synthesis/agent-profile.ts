import { z } from "zod";
import type { AgentPlan } from "./agent-plan";
import type { ChatMessage } from "./gateway";

export const AGENT_PROMPT_VERSION = "agents-v1";

export const agentProfileSchema = z.object({
  name: z.string().min(1).max(80),
  domain: z.string().min(1).max(120),
  /** who the agent is and whom it serves, one or two sentences */
  description: z.string().min(1).max(600),
  policies: z.array(z.string().min(1).max(300)).min(2).max(8),
  tone: z.string().min(1).max(200),
});
export type AgentProfile = z.infer<typeof agentProfileSchema>;

export function agentProfilePrompt(plan: AgentPlan): ChatMessage[] {
  const categories = plan.categories.map((c) => `- ${c.name}${c.description ? `: ${c.description}` : ""}`).join("\n");
  const tools = plan.core.map((t) => `- ${t.name}: ${t.description.slice(0, 200)}`).join("\n");
  return [
    {
      role: "system",
      content:
        "You write the profiles of AI assistants deployed by companies. Each assistant serves one clear purpose with the tools it is given, " +
        "follows concrete policies (what it must confirm, what it must refuse, what it never reveals) and speaks in a consistent tone.",
    },
    {
      role: "user",
      content: [
        `The assistant works in these areas:\n${categories}`,
        `It has these tools:\n${tools}`,
        "Write its profile: a product-like name, the business domain, a description of its role (who it is and whom it serves), " +
          "two to six policies specific to this domain, and its tone of voice.",
      ].join("\n\n"),
    },
  ];
}

const CLOSING =
  "Use a tool only when it serves the user's request, ask when information you need is missing, and say so plainly when a request is outside your role.";

/** The agent's system prompt, assembled from its profile so every prompt has the same parts. */
export function composeSystemPrompt(profile: AgentProfile): string {
  return [
    `You are ${profile.name.trim()}. ${profile.description.trim()}`,
    `Domain: ${profile.domain.trim()}`,
    `Policies:\n${profile.policies.map((p) => `- ${p.trim()}`).join("\n")}`,
    `Tone: ${profile.tone.trim()}`,
    CLOSING,
  ].join("\n\n");
}

/** What the generator wrote, without the template every prompt shares: what near-identical prompts are judged on. */
export function promptContent(systemPrompt: string): string {
  return systemPrompt.replace(CLOSING, "").replace(/^(You are |Domain: |Policies:|Tone: )/gm, "");
}
