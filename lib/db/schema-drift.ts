import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type { Db } from "./client";

type Field = { name: string; dbName?: string | null; kind: string; type: string; isList: boolean; isRequired: boolean };
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };
type Datamodel = { models: Model[]; enums: { name: string; values: { name: string }[] }[]; indexes: Index[] };

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Decimal: "numeric",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Bytes: "bytea",
};

export function readDatamodel(schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma")): Datamodel {
  const schema = readFileSync(schemaPath, "utf8");
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] }))).datamodel;
}

/**
 * Columns the schema declares as `Unsupported(…)`, which Prisma's datamodel
 * leaves out, by table: their PostgreSQL type.
 */
export const UNSUPPORTED_COLUMNS: Record<string, Record<string, string>> = {
  Message: { searchVector: "tsvector" },
};

/**
 * Lists every difference between prisma/schema.prisma and the tables, columns,
 * types, nullability, enums and indexes of PostgreSQL schema `schema`.
 * An empty list means the migrations produce exactly the modelled database.
 */
export async function compareSchema(db: Db, schema: string, datamodel = readDatamodel()): Promise<string[]> {
  const drift: string[] = [];
  const columns = await db.$queryRaw<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }[]>`
    select table_name, column_name, udt_name, is_nullable from information_schema.columns where table_schema = ${schema}`;
  const indexes = await db.$queryRaw<
    { table_name: string; index_name: string; is_expression: boolean; columns: string[]; is_unique: boolean; is_primary: boolean }[]
  >`
    select t.relname as table_name, i.relname as index_name, ix.indexprs is not null as is_expression, ix.indisunique as is_unique, ix.indisprimary as is_primary,
      array(select a.attname::text from unnest(ix.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord) as columns
    from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema}`;
  const enums = await db.$queryRaw<{ name: string; values: string[] }[]>`
    select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as values
    from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = ${schema} group by t.typname`;

  const tableOf = new Map(datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  const modelled = new Set(tableOf.values());
  const dbTables = new Set(columns.map((c) => c.table_name).filter((t) => t !== "_prisma_migrations"));
  for (const t of dbTables) if (!modelled.has(t)) drift.push(`table ${t} is in the database but not in the schema`);

  for (const model of datamodel.models) {
    const table = tableOf.get(model.name)!;
    if (!dbTables.has(table)) {
      drift.push(`table ${table} is missing`);
      continue;
    }
    const dbColumns = new Map(columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c]));
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const f of scalars) {
      const name = f.dbName ?? f.name;
      const col = dbColumns.get(name);
      if (!col) {
        drift.push(`column ${table}.${name} is missing`);
        continue;
      }
      const base = f.kind === "enum" ? f.type : SCALAR_TYPES[f.type];
      const expected = f.isList ? `_${base}` : base;
      if (col.udt_name !== expected) drift.push(`column ${table}.${name} is ${col.udt_name}, schema says ${expected}`);
      // Prisma creates scalar lists without NOT NULL.
      const nullable = f.isList ? true : !f.isRequired;
      if ((col.is_nullable === "YES") !== nullable) {
        drift.push(`column ${table}.${name} is ${col.is_nullable === "YES" ? "nullable" : "not null"} in the database`);
      }
      dbColumns.delete(name);
    }
    for (const [name, type] of Object.entries(UNSUPPORTED_COLUMNS[table] ?? {})) {
      const col = dbColumns.get(name);
      if (!col) drift.push(`column ${table}.${name} is missing`);
      else if (col.udt_name !== type) drift.push(`column ${table}.${name} is ${col.udt_name}, schema says ${type}`);
      dbColumns.delete(name);
    }
    for (const extra of dbColumns.keys()) drift.push(`column ${table}.${extra} is in the database but not in the schema`);

    const columnOf = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const dbIndexes = indexes
      .filter((i) => i.table_name === table)
      .map((i) => ({ ...i, key: i.is_expression ? `expression index ${i.index_name}` : i.columns.join(",") }));
    const expectedIndexes = datamodel.indexes.filter((i) => i.model === model.name);
    for (const ix of expectedIndexes) {
      const key = ix.fields.map((f) => columnOf.get(f.name) ?? f.name).join(",");
      const found = dbIndexes.findIndex((d) => d.key === key && d.is_primary === (ix.type === "id") && d.is_unique === (ix.type !== "normal"));
      if (found < 0) drift.push(`${ix.type} index on ${table}(${key}) is missing`);
      else dbIndexes.splice(found, 1);
    }
    for (const extra of dbIndexes) drift.push(`index on ${table}(${extra.key}) is in the database but not in the schema`);
  }

  const dbEnums = new Map(enums.map((e) => [e.name, e.values.join(",")]));
  for (const e of datamodel.enums) {
    const values = e.values.map((v) => v.name).join(",");
    if (!dbEnums.has(e.name)) drift.push(`enum ${e.name} is missing`);
    else if (dbEnums.get(e.name) !== values) drift.push(`enum ${e.name} has values ${dbEnums.get(e.name)}, schema says ${values}`);
    dbEnums.delete(e.name);
  }
  for (const extra of dbEnums.keys()) drift.push(`enum ${extra} is in the database but not in the schema`);
  return drift;
}
