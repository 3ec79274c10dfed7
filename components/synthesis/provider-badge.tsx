import { Badge } from "@/components/ui/badge";

/** Marks rows the deterministic offline provider wrote, so nobody takes them for model output. */
export function ProviderBadge({ provider }: { provider: string | null }) {
  if (provider !== "offline") return null;
  return <Badge tone="amber">made by the offline provider</Badge>;
}
