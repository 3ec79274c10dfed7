// Turns how answers are written (LaTeX, \boxed{}, "x = 3", "1,000", "1 1/2",
// units in \text{}) into plain expressions the evaluator reads.

/** The content of the last \boxed{…} (or \fbox{…}), balancing braces. */
export function lastBoxed(text: string): string | null {
  const at = Math.max(text.lastIndexOf("\\boxed{"), text.lastIndexOf("\\fbox{"));
  if (at < 0) return null;
  const open = text.indexOf("{", at);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i).trim();
  }
  return null;
}

/** The answer stated in a reply: boxed, after "answer is / Answer:", or the last short line. */
export function extractFinalAnswer(text: string): string {
  const boxed = lastBoxed(text);
  if (boxed) return boxed;
  const stated = [...text.matchAll(/(?:final answer|answer)\s*(?:is|:|=)\s*:?\s*\$*([^\n$]+?)\$*\s*\.?\s*$/gim)].at(-1);
  if (stated) return stated[1].trim();
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => l.trim());
  return (lines.at(-1) ?? "").trim();
}

// Replaces \cmd{a}{b} with render(a, b), innermost first.
function replaceCommand(text: string, cmd: string, arity: number, render: (...args: string[]) => string): string {
  for (let guard = 0; guard < 100; guard++) {
    const at = text.lastIndexOf(cmd + "{");
    if (at < 0) return text;
    const args: string[] = [];
    let i = at + cmd.length;
    for (let k = 0; k < arity; k++) {
      while (text[i] === " ") i++;
      if (text[i] !== "{") break;
      let depth = 0;
      const start = i;
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        else if (text[i] === "}" && --depth === 0) break;
      }
      args.push(text.slice(start + 1, i));
      i++;
    }
    if (args.length < arity) return text;
    text = text.slice(0, at) + render(...args) + text.slice(i);
  }
  return text;
}

export function normalizeAnswer(raw: string): string {
  let s = lastBoxed(raw) ?? raw;
  s = s
    .trim()
    .replace(/^\$+|\$+$/g, "")
    .replace(/^\\\(|\\\)$/g, "")
    .replace(/^\\\[|\\\]$/g, "");
  s = replaceCommand(s, "\\text", 1, () => "");
  s = replaceCommand(s, "\\mathrm", 1, (a) => a);
  s = replaceCommand(s, "\\operatorname", 1, (a) => a);
  for (const frac of ["\\dfrac", "\\tfrac", "\\frac"]) s = replaceCommand(s, frac, 2, (a, b) => `((${a})/(${b}))`);
  s = s.replace(/\\sqrt\[([^\]]+)\]\{([^{}]*)\}/g, "(($2)^(1/($1)))");
  s = replaceCommand(s, "\\sqrt", 1, (a) => `sqrt(${a})`);
  s = s
    .replace(/\^\{?\\circ\}?|°/g, "")
    .replace(/\\left|\\right|\\[,;:!]|\\quad|\\qquad/g, "")
    .replace(/\\(cdot|times)/g, "*")
    .replace(/\\div/g, "/")
    .replace(/\\pi/g, "pi")
    .replace(/\\infty/g, "inf")
    .replace(/\\(ln|log|sin|cos|tan|exp)\b/g, "$1")
    .replace(/\\%/g, "%")
    .replace(/\\?[{}]/g, (m) => (m === "{" || m === "\\{" ? "(" : ")"))
    .trim();
  // "x = 3" → "3" (a single name on the left), "1,000,000" → "1000000", "1 1/2" → "(1+1/2)"
  const assigned = s.match(/^[A-Za-z]\w*\s*=\s*(.+)$/);
  if (assigned) s = assigned[1];
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  const mixed = s.match(/^(-?)(\d+)\s+(\d+)\/(\d+)$/);
  if (mixed) s = `${mixed[1]}(${mixed[2]}+${mixed[3]}/${mixed[4]})`;
  return s.replace(/\.$/, "").trim();
}

/** Splits "1, 2", "(1, 2)", "x = 2 or x = 3", "2 and 3" into parts at the top level. */
export function splitParts(s: string): string[] {
  const inner = /^[([](.*)[)\]]$/.test(s) && balancedInside(s) ? s.slice(1, -1) : s;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts
    .flatMap((p) => p.split(/\s+(?:and|or)\s+/i))
    .map((p) => normalizeAnswer(p))
    .filter(Boolean);
}

function balancedInside(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(" || s[i] === "[") depth++;
    else if (s[i] === ")" || s[i] === "]") depth--;
    if (depth === 0 && i < s.length - 1) return false;
  }
  return true;
}
