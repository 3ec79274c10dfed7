// Call ids for sources that have none. The strictest common chat template
// (Mistral's) accepts exactly nine letters and digits, so generated ids are
// that; they depend only on the call's position, so reading the same file
// twice gives the same ids.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const TEMPLATE_SAFE_ID = /^[0-9A-Za-z]{9}$/;

/** The id of call `callIndex` of message `messageIndex`, nine letters and digits. */
export function generatedCallId(messageIndex: number, callIndex: number, salt = 0): string {
  // FNV-1a over the position, stretched by xorshift: no crypto needed, stable everywhere
  let h = 0x811c9dc5;
  for (const ch of `${messageIndex}:${callIndex}:${salt}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  let id = "";
  for (let i = 0; i < 9; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    id += ALPHABET[h % 62];
  }
  return id;
}

// The ids the studio itself made up when a model or a file gave none, before
// they were template-safe: `call_<message>_<call>`, `call_<n>`, `react_<step>`.
const STUDIO_MADE = /^(?:call_\d+(?:_\d+)?|react_\d+)$/;

/** Whether an id of a simulated trajectory is the studio's own stand-in rather than a model's. */
export function isStudioMadeId(id: string, provider: string): boolean {
  // the offline provider is the studio playing a model: its ids are the studio's too
  return STUDIO_MADE.test(id) || provider === "offline";
}
