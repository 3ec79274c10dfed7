/**
 * A name no other agent in the workspace holds (compared ignoring case), so
 * agent filters never offer two alike: the generated name, else the name with
 * its domain, else the name numbered from 2.
 */
export function uniqueAgentName(name: string, domain: string, taken: ReadonlySet<string>): string {
  const free = (candidate: string) => !taken.has(candidate.toLowerCase());
  if (free(name)) return name;
  const withDomain = domain && domain.toLowerCase() !== name.toLowerCase() ? `${name} (${domain})` : null;
  if (withDomain && free(withDomain)) return withDomain;
  for (let n = 2; ; n++) if (free(`${name} ${n}`)) return `${name} ${n}`;
}
