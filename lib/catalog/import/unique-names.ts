import { specHash, type Normalization, type ToolSpec } from "../spec";
import { describeLocation, type Location } from "./shapes";
import { fitName, toFunctionName } from "./normalize-name";

// Two tools in one source cannot share a name (their key is source/name and
// an agent could not tell them apart). The same spec twice is a duplicate and
// dropped; a different spec under a taken name is renamed, by its server when
// the file says which server it came from.

export type Candidate = { spec: ToolSpec; normalizations: Normalization[]; location: Location; server?: string };
export type Duplicate = { location: Location; name: string; reason: string };

export function uniqueNames<T extends Candidate>(candidates: T[]): { kept: T[]; duplicates: Duplicate[] } {
  const byName = new Map<string, { hash: string; candidate: T }>();
  const hashes = new Map<string, T>();
  const kept: T[] = [];
  const duplicates: Duplicate[] = [];
  for (const candidate of candidates) {
    const hash = specHash(candidate.spec);
    const same = hashes.get(hash);
    if (same) {
      duplicates.push({ location: candidate.location, name: candidate.spec.name, reason: `exact duplicate of ${describeLocation(same.location)}` });
      continue;
    }
    const taken = byName.get(candidate.spec.name);
    if (taken) {
      const original = candidate.spec.name;
      const prefixed = candidate.server && candidate.server !== taken.candidate.server ? toFunctionName(`${candidate.server}_${original}`) : null;
      let name = prefixed && !byName.has(prefixed) ? prefixed : null;
      for (let n = 2; !name; n++) {
        const next = fitName(`${original}_${n}`);
        if (!byName.has(next)) name = next;
      }
      candidate.spec = { ...candidate.spec, name };
      const from = taken.candidate.server ? `server ${taken.candidate.server}` : describeLocation(taken.candidate.location);
      candidate.normalizations = [
        ...candidate.normalizations,
        { path: "name", message: `"${original}" renamed "${name}": a different tool from ${from} has that name` },
      ];
    }
    byName.set(candidate.spec.name, { hash, candidate });
    hashes.set(hash, candidate);
    kept.push(candidate);
  }
  return { kept, duplicates };
}
