import type { PublicRoleConfig } from "@/lib/llm/config";

/** Says which roles run on the offline provider, what that means, and how to point them at a real endpoint. */
export function LlmOfflineNotice({ roles }: { roles: PublicRoleConfig[] }) {
  const offline = roles.filter((r) => r.provider === "offline").map((r) => r.role);
  if (offline.length === 0) return null;
  return (
    <div className="mb-4 space-y-1.5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900" data-testid="llm-offline-notice">
      <p>
        <span className="font-semibold">{offline.length === roles.length ? "Every role" : offline.join(", ")}</span> uses the offline provider: answers are
        deterministic filler built from the prompt, with no network and no model. Data made this way says it was made by the offline provider.
      </p>
      <p>
        To use a real model, set <code className="font-mono">OPENAI_API_KEY</code> in the studio&apos;s environment (and{" "}
        <code className="font-mono">OPENAI_BASE_URL</code> for a server other than OpenAI: vLLM, Ollama, OpenRouter, Moonshot&apos;s Kimi API), then restart.{" "}
        <code className="font-mono">STUDIO_&lt;ROLE&gt;_MODEL</code> (e.g. <code className="font-mono">STUDIO_JUDGE_MODEL</code>) picks a role&apos;s model;{" "}
        <code className="font-mono">STUDIO_&lt;ROLE&gt;_BASE_URL</code> and <code className="font-mono">STUDIO_&lt;ROLE&gt;_API_KEY</code> give one role an
        endpoint of its own. Keys stay in the environment: they are never stored or shown here. An endpoint that needs no key can be set below (provider
        openai-compatible, its base URL and model).
      </p>
    </div>
  );
}
