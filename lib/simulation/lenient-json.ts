// Parses the almost-JSON that models write for tool arguments: single quotes,
// unquoted keys, trailing commas, comments, Python's True/False/None, code
// fences and prose around the value. json5 covers part of this but not the
// Python literals nor the prose, so this small recursive-descent parser does.

export type LenientResult = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string };

class ParseError extends Error {}

const FENCE = /```[a-zA-Z0-9_-]*\s*\n?([\s\S]*?)```/;

/** Strips a Markdown code fence, returning what is inside (or the text unchanged). */
export function stripCodeFence(text: string): string {
  const m = text.match(FENCE);
  return m ? m[1].trim() : text.trim();
}

export function parseLenientJson(text: string): LenientResult {
  const unfenced = stripCodeFence(text);
  try {
    return { ok: true, value: JSON.parse(unfenced), repaired: false };
  } catch {
    // fall through to the tolerant parser
  }
  const start = unfenced.search(/[{[]/);
  const candidates = start >= 0 ? [unfenced.slice(start), unfenced] : [unfenced];
  let lastError = "empty input";
  for (const candidate of candidates) {
    if (!candidate.trim()) continue;
    try {
      const p = new Parser(candidate);
      const value = p.value();
      return { ok: true, value, repaired: true };
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
  }
  return { ok: false, error: lastError };
}

const LITERALS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
  undefined: null,
};

const NUMBER = /[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_$][\w$-]*/y;
const SPACE_OR_COMMENT = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|#[^\n]*/y;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) throw new ParseError(`unexpected end of input at ${this.i}`);
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"' || c === "'") return this.string();
    if (c === "-" || c === "+" || c === "." || (c >= "0" && c <= "9")) return this.number();
    const word = this.identifier();
    if (word in LITERALS) return LITERALS[word];
    throw new ParseError(word ? `unexpected word "${word}" at ${this.i - word.length}` : `unexpected "${c}" at ${this.i}`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++; // {
    for (;;) {
      this.ws();
      if (this.s[this.i] === "}") return (this.i++, out);
      if (this.i >= this.s.length) throw new ParseError("unterminated object");
      const c = this.s[this.i];
      const key = c === '"' || c === "'" ? this.string() : this.identifier();
      if (!key) throw new ParseError(`expected a key at ${this.i}`);
      this.ws();
      if (this.s[this.i] !== ":" && this.s[this.i] !== "=") throw new ParseError(`expected ":" after "${key}" at ${this.i}`);
      this.i++;
      out[key] = this.value();
      this.ws();
      if (this.s[this.i] === ",") this.i++;
      else if (this.s[this.i] !== "}") throw new ParseError(`expected "," or "}" at ${this.i}`);
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++; // [
    for (;;) {
      this.ws();
      if (this.s[this.i] === "]") return (this.i++, out);
      if (this.i >= this.s.length) throw new ParseError("unterminated array");
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ",") this.i++;
      else if (this.s[this.i] !== "]") throw new ParseError(`expected "," or "]" at ${this.i}`);
    }
  }

  private string(): string {
    const quote = this.s[this.i++];
    let out = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === quote) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" };
      if (e === "u") {
        out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else out += simple[e] ?? e;
    }
    throw new ParseError("unterminated string");
  }

  private number(): number {
    const m = this.match(NUMBER);
    if (!m) throw new ParseError(`bad number at ${this.i}`);
    return Number(m);
  }

  private identifier(): string {
    return this.match(IDENTIFIER) ?? "";
  }

  private ws() {
    while (this.match(SPACE_OR_COMMENT) !== null);
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m || !m[0]) return null;
    this.i += m[0].length;
    return m[0];
  }
}
