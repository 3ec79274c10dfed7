// A small, safe arithmetic expression parser and evaluator for checking math
// answers: numbers, variables, + - * / ^, implicit multiplication, a few
// functions and constants. It builds a tree and evaluates it; nothing is ever
// handed to eval or Function. (mathjs would do this and much more, but it is
// not a dependency; this covers what answer checking needs.)

export type Expr =
  | { type: "num"; value: number }
  | { type: "var"; name: string }
  | { type: "neg"; arg: Expr }
  | { type: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Expr; right: Expr }
  | { type: "call"; fn: string; arg: Expr };

const FUNCTIONS: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  abs: Math.abs,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log10,
  log10: Math.log10,
  log2: Math.log2,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  floor: Math.floor,
  ceil: Math.ceil,
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI, inf: Infinity, infinity: Infinity };
const MAX_LENGTH = 2_000;
// own properties only: "constructor" or "__proto__" must never resolve
const isFunction = (name: string) => Object.hasOwn(FUNCTIONS, name);
const isConstant = (name: string) => Object.hasOwn(CONSTANTS, name);

type Token = { kind: "num"; value: number } | { kind: "id"; name: string } | { kind: "op"; op: string };

export class ExpressionError extends Error {}

function tokenize(text: string): Token[] {
  const s = text
    .replace(/\*\*/g, "^")
    .replace(/[×·⋅]/g, "*")
    .replace(/÷/g, "/")
    .replace(/[−–]/g, "-")
    .replace(/π/g, "pi")
    .replace(/√/g, "sqrt")
    .replace(/∞/g, "inf");
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z][A-Za-z0-9_]*)|([-+*/^()%!,]))/y;
  let i = 0;
  while (i < s.length) {
    if (/^\s*$/.test(s.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw new ExpressionError(`unexpected "${s[i]}" in "${text}"`);
    i = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: "num", value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push(...splitIdentifier(m[2]));
    else tokens.push({ kind: "op", op: m[3] });
  }
  return tokens;
}

// "xy" is x*y, "2pi" arrives as 2 and pi; known names stay whole.
function splitIdentifier(name: string): Token[] {
  const lower = name.toLowerCase();
  if (isFunction(lower) || isConstant(lower) || name.length === 1 || /\d|_/.test(name)) return [{ kind: "id", name }];
  for (const known of [...Object.keys(FUNCTIONS), ...Object.keys(CONSTANTS)].sort((a, b) => b.length - a.length)) {
    if (lower.startsWith(known)) return [{ kind: "id", name: known }, ...splitIdentifier(name.slice(known.length))];
  }
  return [{ kind: "id", name: name[0] }, ...splitIdentifier(name.slice(1))];
}

export function parseExpression(text: string): Expr {
  if (text.length > MAX_LENGTH) throw new ExpressionError("expression too long");
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new ExpressionError("empty expression");
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (t: Token | undefined, op: string) => t?.kind === "op" && t.op === op;
  const expect = (op: string) => {
    if (!isOp(peek(), op)) throw new ExpressionError(`expected "${op}"`);
    pos++;
  };

  const sum = (): Expr => {
    let left = product();
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      const op = (tokens[pos++] as { op: "+" | "-" }).op;
      left = { type: "bin", op, left, right: product() };
    }
    return left;
  };
  const startsFactor = (t: Token | undefined) => t !== undefined && (t.kind !== "op" || t.op === "(");
  const product = (): Expr => {
    let left = unary();
    for (;;) {
      if (isOp(peek(), "*") || isOp(peek(), "/")) {
        const op = (tokens[pos++] as { op: "*" | "/" }).op;
        left = { type: "bin", op, left, right: unary() };
      } else if (startsFactor(peek())) {
        left = { type: "bin", op: "*", left, right: power() }; // implicit: 2x, 3(x+1)
      } else return left;
    }
  };
  const unary = (): Expr => {
    if (isOp(peek(), "-")) return (pos++, { type: "neg", arg: unary() });
    if (isOp(peek(), "+")) return (pos++, unary());
    return power();
  };
  const power = (): Expr => {
    const base = postfix();
    if (isOp(peek(), "^")) {
      pos++;
      return { type: "bin", op: "^", left: base, right: unary() }; // right-associative
    }
    return base;
  };
  const postfix = (): Expr => {
    let e = atom();
    for (;;) {
      if (isOp(peek(), "%")) {
        pos++;
        e = { type: "bin", op: "/", left: e, right: { type: "num", value: 100 } };
      } else if (isOp(peek(), "!")) {
        pos++;
        e = { type: "call", fn: "factorial", arg: e };
      } else return e;
    }
  };
  const atom = (): Expr => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionError("unexpected end of expression");
    if (t.kind === "num") return { type: "num", value: t.value };
    if (t.kind === "op") {
      if (t.op !== "(") throw new ExpressionError(`unexpected "${t.op}"`);
      const inner = sum();
      expect(")");
      return inner;
    }
    const lower = t.name.toLowerCase();
    if (isFunction(lower)) {
      // sqrt(x), and also sqrt x / sin 2x as people write them
      return { type: "call", fn: lower, arg: isOp(peek(), "(") ? atom() : power() };
    }
    if (isConstant(lower)) return { type: "num", value: CONSTANTS[lower] };
    return { type: "var", name: t.name };
  };

  const tree = sum();
  if (pos < tokens.length) throw new ExpressionError(`unexpected "${describe(tokens[pos])}"`);
  return tree;
}

function describe(t: Token): string {
  return t.kind === "num" ? String(t.value) : t.kind === "id" ? t.name : t.op;
}

function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return NaN;
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

export function evaluate(e: Expr, vars: Record<string, number> = {}): number {
  switch (e.type) {
    case "num":
      return e.value;
    case "var":
      if (!Object.hasOwn(vars, e.name)) throw new ExpressionError(`unknown variable ${e.name}`);
      return vars[e.name];
    case "neg":
      return -evaluate(e.arg, vars);
    case "call":
      return e.fn === "factorial" ? factorial(evaluate(e.arg, vars)) : FUNCTIONS[e.fn](evaluate(e.arg, vars));
    case "bin": {
      const a = evaluate(e.left, vars);
      const b = evaluate(e.right, vars);
      if (e.op === "+") return a + b;
      if (e.op === "-") return a - b;
      if (e.op === "*") return a * b;
      if (e.op === "/") return a / b;
      return Math.pow(a, b);
    }
  }
}

export function variables(e: Expr, into = new Set<string>()): Set<string> {
  if (e.type === "var") into.add(e.name);
  else if (e.type === "neg" || e.type === "call") variables(e.arg, into);
  else if (e.type === "bin") {
    variables(e.left, into);
    variables(e.right, into);
  }
  return into;
}
