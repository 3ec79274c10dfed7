import { JSON_SCHEMA_TYPES, schemaForTypeName } from "./type-names";

// Turns the parameters of a real-world tool into a JSON Schema object,
// telling `note` every change it makes so the catalogue can show it.

export type Note = (path: string, message: string) => void;
type Obj = Record<string, unknown>;

const SCHEMA_KEYS = ["type", "properties", "$schema", "$ref", "anyOf", "oneOf", "allOf", "additionalProperties", "items", "enum", "const"];
const COMBINATORS = ["anyOf", "oneOf", "allOf"] as const;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v);

function looksLikeSchema(value: Obj): boolean {
  return SCHEMA_KEYS.some((k) => k in value) || Array.isArray(value.required);
}

/** `{ query: {type: "str"}, limit: {...} }`: a map of parameters with no schema around it. */
function looksLikePropertyMap(value: Obj): boolean {
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((v) => typeof v === "string" || (isObj(v) && ("type" in v || "description" in v)));
}

function normalizeType(node: Obj, path: string, note: Note): void {
  const type = node.type;
  if (type === undefined) return;
  if (typeof type === "string") {
    if (JSON_SCHEMA_TYPES.has(type)) return;
    const mapped = schemaForTypeName(type);
    delete node.type;
    if (!mapped) return note(`${path}.type`, `unknown type ${show(type)} dropped: any value is allowed`);
    for (const [k, v] of Object.entries(mapped)) if (!(k in node) || k === "type") node[k] = v;
    if (!mapped.type) return note(`${path}.type`, `type ${show(type)} dropped: any value is allowed`);
    return note(`${path}.type`, `type ${show(type)} read as ${show(mapped.type)}`);
  }
  if (Array.isArray(type)) {
    const mapped = type.map((t) => (typeof t === "string" ? (JSON_SCHEMA_TYPES.has(t) ? t : schemaForTypeName(t)?.type) : undefined));
    if (mapped.some((t) => t === undefined)) {
      delete node.type;
      return note(`${path}.type`, `type list ${show(type)} has an unknown type: any value is allowed`);
    }
    const unique = [...new Set(mapped as string[])];
    if (show(unique) !== show(type)) {
      node.type = unique;
      note(`${path}.type`, `type list ${show(type)} read as ${show(unique)}`);
    }
    return;
  }
  delete node.type;
  note(`${path}.type`, `type ${show(type)} is not a type name: dropped`);
}

/** A list of parameter descriptions (`[{name, type, description, required}]` or names) as properties. */
function propertiesFromList(list: unknown[], path: string, objectPath: string, note: Note): { properties: Obj; required: string[] } {
  const properties: Obj = {};
  const required: string[] = [];
  list.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item === "string" && item.trim()) {
      properties[item.trim()] = {};
      return note(at, `parameter "${item.trim()}" listed without a type: any value is allowed`);
    }
    if (!isObj(item)) return note(at, `parameter ${show(item)} is not a description: dropped`);
    const name = [item.name, item.key, item.param, item.parameter].find((n) => typeof n === "string" && n.trim()) as string | undefined;
    if (!name) return note(at, "parameter has no name: dropped");
    const rest: Obj = { ...item };
    for (const k of ["name", "key", "param", "parameter", "required", "optional"]) delete rest[k];
    if (name.trim() in properties) note(at, `parameter "${name.trim()}" listed twice: the last one kept`);
    properties[name.trim()] = normalizeNode(rest, `${objectPath}.properties.${name.trim()}`, note);
    if (item.required === true || item.optional === false) required.push(name.trim());
  });
  return { properties, required };
}

function normalizeProperties(node: Obj, path: string, note: Note): void {
  const props = node.properties;
  if (props === undefined) return;
  const required = new Set(Array.isArray(node.required) ? (node.required as unknown[]).filter((r): r is string => typeof r === "string") : []);
  if (Array.isArray(props)) {
    const converted = propertiesFromList(props, `${path}.properties`, path, note);
    note(`${path}.properties`, "properties given as a list: converted to a map");
    node.properties = converted.properties;
    converted.required.forEach((r) => required.add(r));
  } else if (isObj(props)) {
    const next: Obj = {};
    for (const [name, original] of Object.entries(props)) {
      const at = `${path}.properties.${name}`;
      const value = isObj(original) ? { ...original } : original;
      if (isObj(value) && typeof value.required === "boolean") {
        if (value.required) required.add(name);
        note(
          `${at}.required`,
          value.required ? '"required: true" on the parameter moved to the object\'s required list' : '"required: false" on the parameter dropped',
        );
        delete value.required;
      }
      if (isObj(value) && "optional" in value) {
        if (value.optional === true) required.delete(name);
        note(`${at}.optional`, '"optional" on the parameter dropped (not JSON Schema)');
        delete value.optional;
      }
      next[name] = normalizeNode(value, at, note);
    }
    node.properties = next;
  } else {
    delete node.properties;
    return note(`${path}.properties`, `properties ${show(props)} are not a map: dropped`);
  }
  if (required.size || node.required !== undefined) node.required = [...required];
}

function normalizeRequired(node: Obj, path: string, note: Note): void {
  const req = node.required;
  if (req === undefined || Array.isArray(req)) {
    if (Array.isArray(req) && req.some((r) => typeof r !== "string")) {
      node.required = req.filter((r) => typeof r === "string");
      note(`${path}.required`, "non-text entries dropped from required");
    }
    return;
  }
  if (typeof req === "string") {
    node.required = [req];
    return note(`${path}.required`, `required ${show(req)} made a list`);
  }
  delete node.required;
  note(`${path}.required`, `required ${show(req)} is not a list of names: dropped`);
}

/** Draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` beside `minimum`/`maximum`, as the numbers later drafts use. */
function draft04Bounds(node: Obj, path: string, note: Note): void {
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof node[flag] !== "boolean") continue;
    const was = `${flag}: ${show(node[flag])}${node[bound] !== undefined ? `, ${bound}: ${show(node[bound])}` : ""}`;
    if (node[flag] === true && typeof node[bound] === "number") {
      node[flag] = node[bound];
      delete node[bound];
      note(`${path}.${flag}`, `draft-04 bound {${was}} read as {${flag}: ${show(node[flag])}}`);
    } else {
      delete node[flag];
      note(`${path}.${flag}`, `draft-04 bound {${was}} read as ${node[bound] !== undefined ? `{${bound}: ${show(node[bound])}}` : "no bound"}`);
    }
  }
}

function normalizeChildren(node: Obj, path: string, note: Note): void {
  if (typeof node.items === "string" || isObj(node.items)) node.items = normalizeNode(node.items, `${path}.items`, note);
  else if (Array.isArray(node.items)) node.items = node.items.map((s, i) => normalizeNode(s, `${path}.items[${i}]`, note));
  if (isObj(node.additionalProperties)) node.additionalProperties = normalizeNode(node.additionalProperties, `${path}.additionalProperties`, note);
  for (const key of COMBINATORS) {
    if (node[key] === undefined) continue;
    if (Array.isArray(node[key]) && (node[key] as unknown[]).length > 0) {
      node[key] = (node[key] as unknown[]).map((s, i) => normalizeNode(s, `${path}.${key}[${i}]`, note));
    } else {
      delete node[key];
      note(`${path}.${key}`, `${key} is not a non-empty list of schemas: dropped`);
    }
  }
  for (const key of ["$defs", "definitions"]) {
    const defs = node[key];
    if (isObj(defs)) for (const [name, s] of Object.entries(defs)) defs[name] = normalizeNode(s, `${path}.${key}.${name}`, note);
  }
}

function normalizeNode(value: unknown, path: string, note: Note): unknown {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const mapped = schemaForTypeName(value);
    note(path, mapped ? `type name ${show(value)} made a schema` : `${show(value)} is not a schema: any value is allowed`);
    return mapped ?? {};
  }
  if (!isObj(value)) {
    note(path, `${show(value)} is not a schema: any value is allowed`);
    return {};
  }
  const node: Obj = { ...value };
  normalizeType(node, path, note);
  draft04Bounds(node, path, note);
  normalizeRequired(node, path, note);
  normalizeProperties(node, path, note);
  normalizeChildren(node, path, note);
  if (node.enum !== undefined && !Array.isArray(node.enum)) {
    node.enum = [node.enum];
    note(`${path}.enum`, "enum made a list");
  }
  if (node.description !== undefined && typeof node.description !== "string") {
    node.description = typeof node.description === "object" ? JSON.stringify(node.description) : String(node.description);
    note(`${path}.description`, "description made text");
  }
  if (node.type === undefined && isObj(node.properties) && !COMBINATORS.some((k) => k in node)) {
    node.type = "object";
    note(`${path}.type`, 'type "object" added to a schema with properties');
  }
  return node;
}

/** The input schema for raw parameters, or why none can be made. */
export function normalizeInputSchema(raw: unknown, note: Note, path = "inputSchema"): { schema: Obj } | { error: string } {
  if (raw === undefined || raw === null) {
    note(path, "no parameters given: an object schema without properties");
    return { schema: { type: "object", properties: {} } };
  }
  if (typeof raw === "string") {
    try {
      const parsed: unknown = JSON.parse(raw);
      note(path, "parameters given as JSON text: parsed");
      return normalizeInputSchema(parsed, note, path);
    } catch {
      return { error: `parameters are text that is not JSON: ${show(raw.slice(0, 60))}` };
    }
  }
  if (Array.isArray(raw)) {
    const { properties, required } = propertiesFromList(raw, path, path, note);
    note(path, "parameters given as a list: converted to an object schema");
    return { schema: { type: "object", properties, ...(required.length ? { required } : {}) } };
  }
  if (!isObj(raw)) return { error: `parameters ${show(raw)} are neither a schema nor a list` };
  let source: Obj = raw;
  if (Object.keys(raw).length === 0) {
    note(path, 'empty schema: type "object" added');
    return { schema: { type: "object", properties: {} } };
  }
  if (!looksLikeSchema(raw) && looksLikePropertyMap(raw)) {
    note(path, "parameters given as a map of names to types: wrapped in an object schema");
    source = { type: "object", properties: raw };
  }
  const schema = normalizeNode(source, path, note) as Obj;
  if (typeof schema.type === "string" && schema.type !== "object") {
    note(path, `a ${schema.type} schema wrapped as the single required parameter "value"`);
    return { schema: { type: "object", properties: { value: schema }, required: ["value"] } };
  }
  if (schema.type === undefined && !COMBINATORS.some((k) => k in schema) && !("$ref" in schema)) {
    schema.type = "object";
    note(`${path}.type`, 'type "object" added');
  }
  return { schema };
}

/**
 * An output schema normalized the same way; absent stays absent. `key` is
 * where the file put it (`returns`, `response`, ...): a text there is a
 * description of the result, a map of names to types the result's fields.
 */
export function normalizeOutputSchema(raw: unknown, note: Note, key = "outputSchema"): Obj | undefined {
  if (raw === undefined || raw === null) return undefined;
  const from = key === "outputSchema" ? "" : ` (from "${key}")`;
  if (typeof raw === "string") {
    const mapped = schemaForTypeName(raw);
    note("outputSchema", mapped ? `type name ${show(raw)}${from} made a schema` : `text${from} read as the description of the result`);
    return mapped ?? { description: raw };
  }
  if (!isObj(raw)) {
    note("outputSchema", `output${from} is not a JSON object: not used (kept as written in extra.${key})`);
    return undefined;
  }
  let source = raw;
  if (!looksLikeSchema(raw) && looksLikePropertyMap(raw)) {
    note("outputSchema", `result fields given as a map of names to types${from}: wrapped in an object schema`);
    source = { type: "object", properties: raw };
  } else if (from) note("outputSchema", `output schema read${from}`);
  return normalizeNode(source, "outputSchema", note) as Obj;
}
