import { pointerOf, type World, type WorldPatch } from "./world";

// What a tool does to the world, read from its name and schema: the verb
// says the kind of change, the noun (or an `<noun>_id` argument) the
// collection it acts on. Synthesized worlds and blueprints are built with
// it, and the offline provider plays the tool simulator with it; a real
// model playing the simulator decides the change itself.

export const effects = ["read", "create", "update", "cancel", "delete"] as const;
export type Effect = (typeof effects)[number];

const READ = new Set(
  "get list search find read fetch lookup look check show view query count describe retrieve calculate estimate compute validate verify preview browse track convert compare summarize analyze translate download export".split(
    " ",
  ),
);
const CREATE = new Set(
  "create add book schedule register submit send post open new make place insert reserve upload generate start log record issue enroll subscribe invite order buy purchase".split(
    " ",
  ),
);
const DELETE = new Set("delete remove drop purge erase unsubscribe".split(" "));
const CANCEL = new Set("cancel revoke void refund archive deactivate disable suspend reject decline close".split(" "));

export type ToolLike = { name: string; parameters?: Record<string, unknown> | null; annotations?: Record<string, unknown> | null };

const words = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const singular = (w: string) =>
  w.length > 3 && w.endsWith("ies") ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w;
const plural = (w: string) => (w.endsWith("y") && !/[aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : w.endsWith("s") ? `${w}es` : `${w}s`);

export function effectOf(tool: ToolLike): Effect {
  if (tool.annotations?.readOnlyHint === true) return "read";
  if (tool.annotations?.destructiveHint === true && DELETE.has(words(tool.name)[0] ?? "")) return "delete";
  const verb = words(tool.name)[0] ?? "";
  if (READ.has(verb)) return "read";
  if (CREATE.has(verb)) return "create";
  if (DELETE.has(verb)) return "delete";
  if (CANCEL.has(verb)) return "cancel";
  return "update";
}

const properties = (tool: ToolLike) => (tool.parameters?.properties ?? {}) as Record<string, Record<string, unknown>>;

/** The argument that names the entity a call acts on (`order_id`, `id`), if the tool has one. */
export function idArgument(tool: ToolLike): string | null {
  const names = Object.keys(properties(tool));
  return names.find((n) => /(^|_)id$/i.test(n) || /[a-z]Id$/.test(n)) ?? null;
}

/**
 * The entity noun a tool acts on. A creating tool makes what its name says
 * (create_order(customer_id) makes an order); any other acts on the entity
 * its `<noun>_id` argument names, else on what its name says.
 */
export function nounOf(tool: ToolLike): string {
  const rest = words(tool.name).slice(1);
  const id = idArgument(tool);
  const fromId = id ? words(id).filter((w) => w !== "id") : [];
  if (fromId.length && !(effectOf(tool) === "create" && rest.length)) return singular(fromId.join("_"));
  return singular(rest.join("_") || words(tool.name)[0] || "record");
}

export const collectionOf = (tool: ToolLike) => plural(nounOf(tool));

/** The id prefix of a collection's entities: ORD for orders. */
export const idPrefix = (noun: string) => (noun.replace(/[^a-z]/g, "").slice(0, 3) || "rec").toUpperCase();

const entitiesOf = (world: World, collection: string) => {
  const c = world[collection];
  return c && typeof c === "object" && !Array.isArray(c) ? (c as Record<string, Record<string, unknown>>) : null;
};

const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/** The scalar arguments a call sets on an entity (not its id). */
export function fieldsOf(tool: ToolLike, args: Record<string, unknown>): Record<string, unknown> {
  const id = effectOf(tool) === "create" && words(tool.name).length > 1 ? null : idArgument(tool);
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => k !== id && isScalar(v)));
}

export type Effected = {
  effect: Effect;
  collection: string;
  /** the entity the call acted on, after the call (null when it was deleted or never existed) */
  entity: Record<string, unknown> | null;
  /** the entities a read without an id returns */
  listed: Record<string, unknown>[];
  patch: WorldPatch;
  /** why the call cannot do what it asks: an unknown id */
  error: { code: string; message: string } | null;
};

/** What `tool(args)` does to `world`, as a patch. Deterministic. */
export function toolEffect(tool: ToolLike, rawArgs: unknown, world: World): Effected {
  const args = rawArgs && typeof rawArgs === "object" && !Array.isArray(rawArgs) ? (rawArgs as Record<string, unknown>) : {};
  const effect = effectOf(tool);
  const noun = nounOf(tool);
  const collection = plural(noun);
  const entities = entitiesOf(world, collection);
  const idName = idArgument(tool);
  const id = idName && typeof args[idName] === "string" ? (args[idName] as string) : null;
  const base = { effect, collection, listed: [] as Record<string, unknown>[], patch: [] as WorldPatch, error: null };
  const current = id && entities ? (entities[id] ?? null) : null;
  const notFound = { ...base, entity: null, error: { code: "NOT_FOUND", message: `no ${noun.replace(/_/g, " ")} has the id ${id}` } };

  if (effect === "create") {
    const count = entities ? Object.keys(entities).length : 0;
    let n = 1001 + count;
    while (entities?.[`${idPrefix(noun)}-${n}`]) n++;
    const newId = `${idPrefix(noun)}-${n}`;
    const entity = { id: newId, ...fieldsOf(tool, args), status: "active" };
    const patch: WorldPatch = entities
      ? [{ op: "add", path: pointerOf(collection, newId), value: entity }]
      : [{ op: "add", path: pointerOf(collection), value: { [newId]: entity } }];
    return { ...base, entity, patch };
  }
  if (effect === "read") {
    if (id) return current ? { ...base, entity: current } : notFound;
    return { ...base, entity: null, listed: Object.values(entities ?? {}).slice(0, 5) };
  }
  if (!current || !id) return notFound;
  if (effect === "delete") return { ...base, entity: null, patch: [{ op: "remove", path: pointerOf(collection, id) }] };
  if (effect === "cancel") {
    return {
      ...base,
      entity: { ...current, status: "cancelled" },
      patch: [{ op: current.status === undefined ? "add" : "replace", path: pointerOf(collection, id, "status"), value: "cancelled" }],
    };
  }
  const fields = fieldsOf(tool, args);
  const patch: WorldPatch = Object.entries(fields).map(([k, v]) => ({ op: k in current ? "replace" : "add", path: pointerOf(collection, id, k), value: v }));
  return { ...base, entity: { ...current, ...fields }, patch };
}
