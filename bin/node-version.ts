// The studio needs the Node in package.json's "engines" (the README's
// minimum): older ones lack flags the sandbox uses (--permission), and every
// code trajectory would fail as if the agent were wrong.

const parse = (v: string) =>
  v
    .replace(/^[^\d]*/, "")
    .split(".")
    .map((n) => Number.parseInt(n, 10) || 0);

/** Why `version` cannot run the studio given an engines range like ">=22.12", or null when it can. */
export function nodeVersionProblem(version: string, engines: string): string | null {
  const minimum = /^>=\s*([\d.]+)$/.exec(engines.trim())?.[1];
  if (!minimum) return null;
  const have = parse(version);
  const need = parse(minimum);
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return null;
    if ((have[i] ?? 0) < (need[i] ?? 0))
      return `The studio needs Node.js ${minimum} or newer; this is Node.js ${version.replace(/^v/, "")}. Install a newer Node (see the README) and run it again.`;
  }
  return null;
}
