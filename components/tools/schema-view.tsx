type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function typeOf(schema: unknown): string {
  if (!isObj(schema)) return "any";
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : typeof schema.type === "string" ? schema.type : undefined;
  if (type === "array") return `array of ${typeOf(schema.items)}`;
  for (const k of ["anyOf", "oneOf"]) if (Array.isArray(schema[k])) return (schema[k] as unknown[]).map(typeOf).join(" | ");
  return type ?? (schema.$ref ? String(schema.$ref) : "any");
}

/** An input schema as a readable form: one row per parameter, nested objects indented. */
export function SchemaView({ schema, depth = 0 }: { schema: unknown; depth?: number }) {
  const props = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
  const required = new Set(isObj(schema) && Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const names = Object.keys(props);
  if (!names.length) return depth === 0 ? <p className="text-sm text-slate-500">No parameters.</p> : null;
  return (
    <ul className={depth ? "ml-4 border-l border-slate-200 pl-3" : "space-y-1.5"}>
      {names.map((name) => {
        const p = props[name];
        const description = isObj(p) && typeof p.description === "string" ? p.description : null;
        const nested = isObj(p) && (isObj(p.properties) ? p : isObj(p.items) && isObj(p.items.properties) ? p.items : null);
        return (
          <li key={name} className="text-sm">
            <span className="font-mono font-medium text-slate-900">{name}</span>
            {required.has(name) && <span className="ml-1 text-xs text-rose-600">required</span>}
            <span className="ml-2 font-mono text-xs text-slate-500">{typeOf(p)}</span>
            {isObj(p) && p.default !== undefined && <span className="ml-2 text-xs text-slate-500">default {JSON.stringify(p.default)}</span>}
            {description ? <p className="text-xs text-slate-600">{description}</p> : <p className="text-xs italic text-amber-700">no description</p>}
            {nested && <SchemaView schema={nested} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}

export function JsonBlock({ value }: { value: unknown }) {
  return (
    <pre tabIndex={0} className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
