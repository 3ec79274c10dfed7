// Type names real tool files use in place of JSON Schema's, mapped to what
// they mean. Keys are lower case; `null` means "any value" (the type is dropped).

type Mapped = { type: string | null; extra?: Record<string, unknown> };

const ALIASES: Record<string, Mapped> = {
  string: { type: "string" },
  str: { type: "string" },
  text: { type: "string" },
  char: { type: "string" },
  uuid: { type: "string", extra: { format: "uuid" } },
  url: { type: "string", extra: { format: "uri" } },
  uri: { type: "string", extra: { format: "uri" } },
  email: { type: "string", extra: { format: "email" } },
  date: { type: "string", extra: { format: "date" } },
  datetime: { type: "string", extra: { format: "date-time" } },
  "date-time": { type: "string", extra: { format: "date-time" } },
  timestamp: { type: "string", extra: { format: "date-time" } },
  integer: { type: "integer" },
  int: { type: "integer" },
  int32: { type: "integer" },
  int64: { type: "integer" },
  long: { type: "integer" },
  number: { type: "number" },
  float: { type: "number" },
  double: { type: "number" },
  decimal: { type: "number" },
  num: { type: "number" },
  boolean: { type: "boolean" },
  bool: { type: "boolean" },
  object: { type: "object" },
  dict: { type: "object" },
  dictionary: { type: "object" },
  map: { type: "object" },
  hash: { type: "object" },
  record: { type: "object" },
  json: { type: "object" },
  array: { type: "array" },
  list: { type: "array" },
  tuple: { type: "array" },
  set: { type: "array", extra: { uniqueItems: true } },
  null: { type: "null" },
  none: { type: "null" },
  nil: { type: "null" },
  any: { type: null },
  mixed: { type: null },
  unknown: { type: null },
  "*": { type: null },
  // ToolBench (RapidAPI) parameter types, upper case in the files
  enum: { type: "string" },
  time: { type: "string", extra: { format: "time" } },
  geopoint: { type: "string" },
  file: { type: "string" },
};

/** `DATE (YYYY-MM-DD)`, `TIME (24-hour HH:MM)`: a type name followed by how to write it. */
const WITH_HINT = /^([A-Za-z-]+)\s*\(.*\)$/s;

const GENERIC = /^(list|array|set|sequence|optional)\s*[[<](.+)[\]>]$/i;

/**
 * The JSON Schema for a type name such as `int`, `String`, `List[str]`,
 * `string[]` or `Optional[int]`; undefined when the name means nothing known.
 */
export function schemaForTypeName(name: string): Record<string, unknown> | undefined {
  const trimmed = name.trim();
  const alias = ALIASES[trimmed.toLowerCase()];
  if (alias) return { ...(alias.type ? { type: alias.type } : {}), ...alias.extra };
  const hinted = trimmed.match(WITH_HINT);
  if (hinted) return schemaForTypeName(hinted[1]);
  if (trimmed.endsWith("[]")) {
    const items = schemaForTypeName(trimmed.slice(0, -2));
    return items ? { type: "array", items } : undefined;
  }
  const generic = trimmed.match(GENERIC);
  if (generic) {
    const inner = schemaForTypeName(generic[2]);
    if (!inner) return undefined;
    return generic[1].toLowerCase() === "optional"
      ? inner
      : { type: "array", ...(generic[1].toLowerCase() === "set" ? { uniqueItems: true } : {}), items: inner };
  }
  return undefined;
}

export const JSON_SCHEMA_TYPES = new Set(["string", "integer", "number", "boolean", "object", "array", "null"]);
