// ToolBench (RapidAPI) APIs: `required_parameters` / `optional_parameters`
// lists instead of a schema, and a function name made as ToolBench makes it
// (`<api>_for_<tool>`), so trajectories recorded against ToolBench call the
// names the catalogue holds.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** ToolBench's `standardize`: lower case, runs of other characters as one "_", a leading digit prefixed "get_". */
function standardize(text: string): string {
  const s = text
    .replace(/[^\u4e00-\u9fa5a-zA-Z0-9_]/g, "_")
    .replace(/_+/g, "_")
    .toLowerCase()
    .replace(/^_+|_+$/g, "");
  return /^[0-9]/.test(s) ? `get_${s}` : s;
}

/** Words ToolBench renames because they are Python keywords or common field names. */
const RESERVED = new Set(["from", "class", "return", "false", "true", "id", "and"]);

export function isToolBenchApi(def: Obj): boolean {
  return (
    Array.isArray(def.required_parameters) || Array.isArray(def.optional_parameters) || (typeof def.api_name === "string" && typeof def.tool_name === "string")
  );
}

/** The function name ToolBench gives an API of a tool (its last 64 characters, as ToolBench cuts it). */
export function toolBenchName(api: string, tool: string | undefined): string {
  const pure = standardize(api);
  const name = tool ? `${RESERVED.has(pure) ? `is_${pure}` : pure}_for_${standardize(tool)}` : pure;
  return name.slice(-64);
}

/** The API's parameters as one list, each marked required or not. */
export function toolBenchParameters(def: Obj): Obj[] {
  const list = (value: unknown, required: boolean) => (Array.isArray(value) ? value.map((p) => (isObj(p) ? { ...p, required } : p)) : []);
  return [...list(def.required_parameters, true), ...list(def.optional_parameters, false)] as Obj[];
}
