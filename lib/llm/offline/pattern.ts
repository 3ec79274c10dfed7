import type { Rng } from "./rng";
import { compileLinear } from "../../linear-regexp";

// Strings matching a JSON Schema `pattern`: a small generator for the regular
// expression subset schemas use (classes, groups, alternation, quantifiers).
// Lookarounds and back-references are skipped, so callers check the result
// against the real RegExp. No installed package does this (randexp is not a
// dependency), and the subset is small.

type Node =
  | { t: "seq"; items: Node[] }
  | { t: "alt"; options: Node[] }
  | { t: "chars"; chars: string }
  | { t: "repeat"; node: Node; min: number; max: number }
  | { t: "empty" };

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const WORD = `${LOWER}${UPPER}${DIGITS}_`;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const MAX_EXTRA_REPEATS = 3;

function classEscape(c: string): string | null {
  switch (c) {
    case "d":
      return DIGITS;
    case "w":
      return WORD;
    case "s":
      return " ";
    case "D":
      return LOWER;
    case "W":
      return "-.";
    case "S":
      return LOWER + DIGITS;
    default:
      return null;
  }
}

function literalEscape(c: string): string {
  return ({ n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", "0": "\0" } as Record<string, string>)[c] ?? c;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error("unbalanced pattern");
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantified(this.atom()));
    return { t: "seq", items };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{" && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))!;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return node;
    if (this.src[this.i] === "?" || this.src[this.i] === "+") this.i++; // lazy or possessive: same strings
    return { t: "repeat", node, min, max };
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === "^" || c === "$") return { t: "empty" };
    if (c === ".") return { t: "chars", chars: LOWER + DIGITS };
    if (c === "[") return this.charClass();
    if (c === "(") {
      let skip = false;
      if (this.src[this.i] === "?") {
        const rest = this.src.slice(this.i);
        const look = /^\?(=|!|<=|<!)/.exec(rest);
        const named = /^\?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
        if (look) [skip, this.i] = [true, this.i + look[0].length];
        else if (named) this.i += named[0].length;
        else if (rest.startsWith("?:")) this.i += 2;
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ")") throw new Error("unclosed group");
      return skip ? { t: "empty" } : inner;
    }
    if (c === "\\") {
      const e = this.src[this.i++];
      if (e === "b" || e === "B" || /[1-9]/.test(e)) return { t: "empty" };
      if (e === "u" && /^[0-9a-fA-F]{4}/.test(this.src.slice(this.i))) {
        const ch = String.fromCharCode(parseInt(this.src.slice(this.i, this.i + 4), 16));
        this.i += 4;
        return { t: "chars", chars: ch };
      }
      if ((e === "p" || e === "P") && this.src[this.i] === "{") {
        this.i = this.src.indexOf("}", this.i) + 1;
        return { t: "chars", chars: LOWER };
      }
      return { t: "chars", chars: classEscape(e) ?? literalEscape(e) };
    }
    return { t: "chars", chars: c };
  }

  private charClass(): Node {
    const negate = this.src[this.i] === "^";
    if (negate) this.i++;
    let chars = "";
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== "]" || first)) {
      first = false;
      let c = this.src[this.i++];
      if (c === "\\") {
        const e = this.src[this.i++];
        const cls = classEscape(e);
        if (cls) {
          chars += cls;
          continue;
        }
        c = literalEscape(e);
      }
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        let end = this.src[this.i++];
        if (end === "\\") end = literalEscape(this.src[this.i++]);
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0) && code - c.charCodeAt(0) < 400; code++) chars += String.fromCharCode(code);
      } else chars += c;
    }
    this.i++; // the closing ]
    if (negate) chars = [...PRINTABLE].filter((ch) => !chars.includes(ch) && /[A-Za-z0-9 _.-]/.test(ch)).join("") || "x";
    return { t: "chars", chars };
  }
}

function generate(node: Node, rng: Rng): string {
  switch (node.t) {
    case "empty":
      return "";
    case "chars":
      return node.chars ? node.chars[rng.int(0, node.chars.length - 1)] : "";
    case "seq":
      return node.items.map((n) => generate(n, rng)).join("");
    case "alt":
      return generate(rng.pick(node.options), rng);
    case "repeat": {
      const count = rng.int(node.min, Math.min(node.max, node.min + MAX_EXTRA_REPEATS));
      let out = "";
      for (let k = 0; k < count; k++) out += generate(node.node, rng);
      return out;
    }
  }
}

/** Tries a few random strings shaped by `pattern`; the first the pattern (matched by RE2) and `accept` take wins. */
export function stringForPattern(pattern: string, rng: Rng, accept: (s: string) => boolean = () => true, tries = 40): string | null {
  let node: Node;
  let re: { test(s: string): boolean };
  try {
    node = new Parser(pattern).parse();
    re = compileLinear(pattern);
  } catch {
    return null;
  }
  for (let k = 0; k < tries; k++) {
    const s = generate(node, rng);
    if (re.test(s) && accept(s)) return s;
  }
  return null;
}
