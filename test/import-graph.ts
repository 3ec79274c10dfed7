import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

// The import graph of lib/, read from the source: every relative (or "@/")
// import and re-export, type-only ones too, since they still say which layer
// knows which.

const ROOT = path.dirname(import.meta.dirname);
export const LIB = path.join(ROOT, "lib");

/** Every .ts and .tsx file below `dir` (generated code left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" || name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** An import that names types only, which is erased and loads nothing at run time. */
function typesOnly(s: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(s)) return s.isTypeOnly;
  const clause = s.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/**
 * The files under lib/ that `file` imports or re-exports from; with
 * `runtime`, only those it loads when it runs (type-only imports left out).
 */
export function importsOf(file: string, text = readFileSync(file, "utf8"), opts: { runtime?: boolean } = {}): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers = source.statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && !(opts.runtime && typesOnly(s))
      ? [s.moduleSpecifier.text]
      : [],
  );
  return specifiers
    .filter((s) => s.startsWith(".") || s.startsWith("@/"))
    .map((s) => resolveImport(file, s))
    .filter((f): f is string => f !== null && f.startsWith(LIB + path.sep));
}

/** Every cycle in the graph, each once, as the files along it (first file repeated at the end). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join("|");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, next]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** The files under lib/ that `files` import, directly or through others (with `runtime`, only those loaded when they run). */
export function importClosure(files: string | string[], opts: { runtime?: boolean } = {}): Set<string> {
  const seen = new Set<string>();
  const walk = (f: string) => {
    for (const next of importsOf(f, undefined, opts)) {
      if (seen.has(next)) continue;
      seen.add(next);
      walk(next);
    }
  };
  for (const f of typeof files === "string" ? [files] : files) walk(f);
  return seen;
}
