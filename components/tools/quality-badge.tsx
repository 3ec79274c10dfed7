import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { accepted: "green", rejected: "red", pending: "gray" };

export function QualityBadge({ quality, score }: { quality: string; score?: number | null }) {
  return (
    <Badge tone={TONE[quality] ?? "gray"} title={score == null ? undefined : `quality score ${score.toFixed(2)}`}>
      {quality}
      {score != null && <span className="ml-1 font-normal">{score.toFixed(2)}</span>}
    </Badge>
  );
}
