/** A distinct colour per category, spread around the hue circle by the golden angle. */
export function categoryColor(index: number): string {
  const hue = (index * 137.508) % 360;
  const light = 38 + ((index * 7) % 3) * 8;
  return `hsl(${hue.toFixed(1)} 65% ${light}%)`;
}

export const UNCATEGORIZED = "#94a3b8";
