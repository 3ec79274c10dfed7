import { humanizeName } from "./embed-text";

// Two tools whose names differ by an antonym (follow / unfollow) or by a
// direction (liter_to_gallon / gallon_to_liter) do opposite things, however
// alike their descriptions read: they are never duplicates of each other.

const PAIRS: [string, string][] = [
  ["add", "remove"],
  ["add", "delete"],
  ["create", "delete"],
  ["create", "destroy"],
  ["insert", "delete"],
  ["insert", "remove"],
  ["enable", "disable"],
  ["activate", "deactivate"],
  ["start", "stop"],
  ["open", "close"],
  ["lock", "unlock"],
  ["show", "hide"],
  ["follow", "unfollow"],
  ["subscribe", "unsubscribe"],
  ["like", "unlike"],
  ["block", "unblock"],
  ["mute", "unmute"],
  ["pin", "unpin"],
  ["archive", "unarchive"],
  ["star", "unstar"],
  ["watch", "unwatch"],
  ["assign", "unassign"],
  ["install", "uninstall"],
  ["mount", "unmount"],
  ["link", "unlink"],
  ["register", "unregister"],
  ["publish", "unpublish"],
  ["approve", "reject"],
  ["accept", "decline"],
  ["accept", "reject"],
  ["upload", "download"],
  ["import", "export"],
  ["encode", "decode"],
  ["encrypt", "decrypt"],
  ["compress", "decompress"],
  ["zip", "unzip"],
  ["increase", "decrease"],
  ["increment", "decrement"],
  ["push", "pull"],
  ["send", "receive"],
  ["grant", "revoke"],
  ["attach", "detach"],
  ["connect", "disconnect"],
  ["login", "logout"],
  ["sign in", "sign out"],
  ["buy", "sell"],
  ["deposit", "withdraw"],
  ["get", "set"],
  ["read", "write"],
  ["load", "save"],
  ["max", "min"],
  ["maximum", "minimum"],
  ["first", "last"],
  ["next", "previous"],
  ["up", "down"],
  ["in", "out"],
  ["on", "off"],
  ["before", "after"],
  ["from", "to"],
  ["head", "tail"],
  ["upper", "lower"],
  ["uppercase", "lowercase"],
  ["expand", "collapse"],
  ["freeze", "unfreeze"],
  ["pause", "resume"],
  ["mark read", "mark unread"],
  ["ban", "unban"],
  ["join", "leave"],
];

const OPPOSITE = new Map<string, Set<string>>();
for (const [a, b] of PAIRS) {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ])
    OPPOSITE.set(x, (OPPOSITE.get(x) ?? new Set()).add(y));
}

const words = (name: string) => humanizeName(name).split(" ").filter(Boolean);

/** `liter to gallon` / `gallon to liter`, `convert usd to eur` / `convert eur to usd`: the words around "to" swapped. */
function reversed(a: string[], b: string[]): boolean {
  for (const sep of ["to", "2", "into"]) {
    const i = a.indexOf(sep);
    const j = b.indexOf(sep);
    if (i <= 0 || j <= 0 || i === a.length - 1 || j === b.length - 1) continue;
    const [from, to] = [a[i - 1], a[i + 1]];
    if (from !== to && from === b[j + 1] && to === b[j - 1]) return true;
  }
  return false;
}

/** Whether the words only one name has include a word and its opposite (one on each side). */
function antonyms(a: string[], b: string[]): boolean {
  const onlyA = a.filter((w) => !b.includes(w));
  const onlyB = b.filter((w) => !a.includes(w));
  const phrases = (list: string[], all: string[]) => [...list, ...all.slice(1).map((w, i) => `${all[i]} ${w}`)];
  const pa = phrases(onlyA, a);
  const pb = new Set(phrases(onlyB, b));
  if (pa.some((w) => [...(OPPOSITE.get(w) ?? [])].some((o) => pb.has(o)))) return true;
  // follow_user / unfollow_user, like / dislike: a word and the same word negated
  return onlyA.some((w) => onlyB.some((o) => o === `un${w}` || w === `un${o}` || o === `dis${w}` || w === `dis${o}` || o === `de${w}` || w === `de${o}`));
}

/** Whether two tool names say opposite things: an antonym or a reversed direction between them. */
export function opposedNames(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  return antonyms(wa, wb) || reversed(wa, wb);
}
