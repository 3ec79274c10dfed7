const FOLD_CHARS = 800;
const FOLD_LINES = 16;

/** Pretty JSON when `text` is JSON, else the text as it is. */
export function prettyText(text: string): { text: string; json: boolean } {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return { text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

/** A block of text or pretty-printed JSON; a long one is folded to its first lines. */
export function JsonBlock({ value, label = "content" }: { value: unknown; label?: string }) {
  const { text, json } = typeof value === "string" ? prettyText(value) : { text: JSON.stringify(value, null, 2) ?? "null", json: true };
  const lines = text.split("\n");
  const pre = (body: string) => (
    <pre className={`overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs text-slate-800 ${json ? "font-mono" : "font-sans"}`}>
      {body}
    </pre>
  );
  if (text.length <= FOLD_CHARS && lines.length <= FOLD_LINES) return pre(text);
  return (
    <details className="group" data-testid="folded">
      <summary className="cursor-pointer list-none">
        <div className="group-open:hidden">{pre(`${lines.slice(0, 6).join("\n").slice(0, 400)}\n…`)}</div>
        <span className="text-xs text-indigo-700 hover:underline">
          <span className="group-open:hidden">
            Show all of the {label} ({lines.length} lines, {text.length.toLocaleString("en")} characters)
          </span>
          <span className="hidden group-open:inline">Fold the {label}</span>
        </span>
      </summary>
      {pre(text)}
    </details>
  );
}
