import { createRng } from "./space/rng";

// A catalogue of tool files like a real harvest: many topics with their own
// words, a few tools per topic noun, and a share of the mess real files hold
// (odd type names, parameter lists, blank descriptions, illegal names, copies).

const TOPICS = [
  ["weather", "forecast temperature rainfall wind humidity storm alert city"],
  ["github", "repository branch commit pull request issue release review merge"],
  ["calendar", "meeting event reminder invite agenda attendee timezone slot"],
  ["payments", "payment card refund invoice subscription payout charge currency"],
  ["email", "message inbox draft attachment thread label folder sender"],
  ["maps", "route address geocode distance directions place latitude longitude"],
  ["database", "table query row column index schema migration transaction"],
  ["files", "file folder path upload download permission archive checksum"],
  ["crm", "lead contact deal pipeline account opportunity stage owner"],
  ["shipping", "shipment parcel carrier tracking label warehouse delivery customs"],
  ["travel", "flight hotel booking passenger airport itinerary fare seat"],
  ["health", "patient appointment prescription symptom clinic doctor dosage record"],
  ["music", "song playlist album artist lyrics track genre queue"],
  ["news", "article headline source topic publisher feed summary author"],
  ["finance", "stock price portfolio dividend ticker market exchange quote"],
  ["kubernetes", "pod deployment cluster namespace container node service replica"],
  ["translation", "text language translate glossary locale dialect phrase detect"],
  ["recipes", "recipe ingredient meal nutrition calorie cuisine diet serving"],
  ["education", "course lesson student quiz grade assignment teacher enrollment"],
  ["realestate", "listing property rent mortgage tenant lease apartment price"],
  ["sports", "match team player score league fixture standings season"],
  ["security", "vulnerability scan certificate firewall alert incident threat patch"],
  ["analytics", "metric dashboard report funnel cohort event retention chart"],
  ["social", "post comment follower like hashtag profile feed mention"],
] as const;
const VERBS = ["get", "list", "create", "update", "delete", "search", "export", "summarize", "validate", "schedule"];

export function benchToolLines(count: number, seed = 1): string[] {
  const rng = createRng(seed);
  const lines: string[] = [];
  for (let i = 0; lines.length < count; i++) {
    const [topic, words] = TOPICS[i % TOPICS.length];
    const vocab = words.split(" ");
    const noun = vocab[Math.floor(rng() * vocab.length)];
    const verb = VERBS[Math.floor(rng() * VERBS.length)];
    const extra = vocab[Math.floor(rng() * vocab.length)];
    const name = `${verb}_${topic}_${noun}_${i}`;
    const description = `${verb} ${noun} in ${topic}: works with the ${extra} and ${noun} of a ${topic} account, returning matching ${noun} records.`;
    const roll = rng();
    const properties: Record<string, unknown> = {
      [`${noun}_id`]: { type: roll < 0.05 ? "str" : "string", description: `Identifier of the ${noun}` },
      limit: { type: roll < 0.08 ? "int" : "integer", description: "Maximum number of results" },
      filters: { type: roll < 0.1 ? "dict" : "object", description: `Filters on ${extra}` },
    };
    let tool: Record<string, unknown> = {
      name: roll > 0.99 ? `${topic}.${noun} ${i}` : name,
      description: roll > 0.985 && roll <= 0.99 ? "" : description,
      parameters: { type: "object", properties, required: [`${noun}_id`] },
    };
    if (roll >= 0.1 && roll < 0.13) tool.parameters = Object.entries(properties).map(([n, p]) => ({ name: n, ...(p as object), required: n.endsWith("_id") }));
    if (roll >= 0.13 && roll < 0.6) tool = { type: "function", function: tool };
    lines.push(JSON.stringify(tool));
    if (roll >= 0.6 && roll < 0.605 && lines.length < count) lines.push(JSON.stringify(tool));
  }
  return lines;
}
