// Text in a tool definition aimed at the model that will later read it
// ("tool poisoning"): instructions that override the conversation, hide
// actions from the user, call other tools, send data away, markup that fakes
// a new turn, shell or template code, and characters a person cannot see.
// The tool stays stored as data; the rule flags it so it is not trained on.
// Every pattern has bounded repeats whose character classes exclude the
// character that starts a match, so the spans tried never overlap and a 50 MB
// description is scanned in linear time (about a second).

export type InjectionFinding = { what: string; excerpt: string };

const SIGNS: [RegExp, string][] = [
  [
    /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other|system)\s+(?:instructions?|prompts?|rules|messages|directions)/i,
    "an instruction to ignore earlier instructions",
  ],
  [/\byou\s+are\s+now\b.{0,40}?\b(?:mode|assistant|ai|model|unrestricted|jailbroken|dan)\b/i, "an attempt to give the model a new role"],
  [
    /\b(?:reveal|print|output|repeat|reply\s+(?:only\s+)?with|show|leak|return|disclose)\s+(?:me\s+)?(?:(?:the|your)\s+(?:full\s+|entire\s+|original\s+)?(?:system|hidden)\s+prompt|your\s+(?:full\s+|original\s+)?instructions)/i,
    "a request for the system prompt",
  ],
  [/\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|mention\s+(?:this|it)\s+to|notify|let)\s+(?:the\s+)?user/i, "an instruction to hide something from the user"],
  [/\bwithout\s+(?:telling|informing|notifying|asking)\s+the\s+user\b/i, "an instruction to act behind the user's back"],
  [
    /\b(?:before|instead\s+of)\s+(?:answering|responding|replying)\b.{0,20}?\b(?:call|invoke|run|execute|use)\s+(?:the\s+)?[`'"]?[a-z][\w.-]{2,63}/i,
    "an instruction to call another tool before answering",
  ],
  [
    /\b(?:send|post|upload|forward|exfiltrate|transmit|email)\s+(?:the\s+|all\s+|any\s+|your\s+|their\s+)?(?:conversation|chat\s+history|messages|system\s+prompt|api\s+keys?|credentials|passwords?|tokens?|secrets?|private\s+keys?|ssh\s+keys?)\b.{0,80}?\bto\b/i,
    "an instruction to send data away",
  ],
  [
    /\b(?:pass|include|put|append|insert|embed)\s+(?:its|their|the\s+file'?s?)\s+(?:content|contents|text)\s+(?:as|in|into)\b/i,
    "an instruction to smuggle file contents into an argument",
  ],
  [
    /<\/?\s*(?:system|assistant|tool_description|instructions?|important|im_start|im_end)\s*>|<\|im_(?:start|end)\|>|\[\/?INST\]|<<\/?SYS>>/i,
    "markup that fakes a message or an instruction block",
  ],
  [/\$\([^)$\n]{1,200}\)|`[^`\n]{0,100}\b(?:rm\s+-rf|curl|wget|sh\s+-c|bash\s+-c|nc\s+-e|chmod\s+\+x)\b[^`\n]{0,100}`/, "shell code"],
  [/\{\{[^{}\n]{0,200}?\b(?:constructor|__proto__|process|require|import)\b[^{}\n]{0,200}\}\}|<script\b/i, "template or script code"],
];

// zero-width and word-joiner characters, the byte-order mark inside text, bidi
// controls (which reorder what a reviewer sees), and Unicode tag characters
// (invisible ASCII look-alikes used to smuggle text past a person)
const HIDDEN = /[\u200B-\u200F\u2060-\u2064\u206A-\u206F\uFEFF\u202A-\u202E\u2066-\u2069\u00AD]|\uDB40[\uDC00-\uDC7F]/g;

function describeHidden(text: string): InjectionFinding | null {
  const codes = new Set<string>();
  let count = 0;
  for (const m of text.matchAll(HIDDEN)) {
    count++;
    if (codes.size < 5) codes.add(`U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  if (!count) return null;
  return { what: `${count} invisible character${count === 1 ? "" : "s"} (${[...codes].join(", ")})`, excerpt: "" };
}

const visible = (text: string) => text.replace(HIDDEN, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase()}>`).replace(/\s+/g, " ");

/** What in `text` reads as instructions to a model rather than a description; empty when nothing does. */
export function injectionFindings(text: string): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  for (const [pattern, what] of SIGNS) {
    const m = pattern.exec(text);
    if (m) findings.push({ what, excerpt: visible(m[0]).trim().slice(0, 80) });
  }
  const hidden = describeHidden(text);
  if (hidden) findings.push(hidden);
  return findings;
}

// regular expressions and references, not prose ("$(" is common in a pattern)
const NOT_TEXT = new Set(["pattern", "$ref", "$schema", "$id", "type", "format"]);

/** The texts of a tool a model reads: its description and title, and every description and example in its schemas. */
export function modelFacingTexts(spec: {
  description: string;
  title?: string;
  inputSchema: unknown;
  outputSchema?: unknown;
}): { where: string; text: string }[] {
  const texts: { where: string; text: string }[] = [{ where: "the description", text: spec.description }];
  if (spec.title) texts.push({ where: "the title", text: spec.title });
  const visit = (node: unknown, path: string, depth: number) => {
    if (depth > 32 || texts.length > 2_000) return;
    if (typeof node === "string") {
      texts.push({ where: path, text: node });
      return;
    }
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, `${path}[${i}]`, depth + 1));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) if (!NOT_TEXT.has(k)) visit(v, `${path}.${k}`, depth + 1);
  };
  visit(spec.inputSchema, "inputSchema", 0);
  if (spec.outputSchema) visit(spec.outputSchema, "outputSchema", 0);
  return texts;
}
