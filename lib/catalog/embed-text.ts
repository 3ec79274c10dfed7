/** `get_weatherForecast` → "get weather forecast". */
export function humanizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The text a tool is embedded by. Real and synthetic tools must use the same
 * one so their vectors compare, hence only what every tool has.
 */
export function embeddingText(tool: { name: string; description: string }): string {
  return `${humanizeName(tool.name)}: ${tool.description}`;
}
