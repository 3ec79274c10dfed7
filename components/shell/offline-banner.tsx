import { offlineRoles } from "@/lib/llm/status";

/** Says plainly when data on screen comes from the deterministic offline provider rather than a model. */
export async function OfflineBanner() {
  const roles = await offlineRoles();
  if (roles.length === 0) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-6 py-1.5 text-xs text-amber-900" data-testid="offline-banner">
      <span className="font-semibold">Offline provider in use</span> for {roles.join(", ")}: generated data is deterministic filler, not model output. Point the
      studio at an OpenAI-compatible endpoint in Settings or with OPENAI_API_KEY.
    </div>
  );
}
