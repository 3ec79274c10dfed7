import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

// Entry points that are open on purpose: signing in needs no session.
const PUBLIC = new Set(["app/setup/actions.ts#createFirstAdminAction", "app/sign-in/actions.ts#signInAction", "app/(studio)/actions.ts#signOutAction", "app/api/auth/[...all]/route.ts#GET", "app/api/auth/[...all]/route.ts#POST"]);
const GUARDS = /\b(requireRole|currentUser|requirePageUser)\(/;
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every server action and route handler in app/, with the text of its body. */
function entryPoints(): { id: string; body: string }[] {
  const files = walk(path.join(ROOT, "app")).filter((f) => /[-/]actions\.ts$|\/route\.ts$/.test(f));
  return files.flatMap((file) => {
    const rel = path.relative(ROOT, file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const isRoute = rel.endsWith("route.ts");
    const found: { id: string; body: string }[] = [];
    for (const stmt of source.statements) {
      const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isFunctionDeclaration(stmt) && stmt.name) {
        if (isRoute && !HTTP_METHODS.has(stmt.name.text)) continue;
        found.push({ id: `${rel}#${stmt.name.text}`, body: stmt.body?.getText() ?? "" });
      } else if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          const names = ts.isIdentifier(d.name) ? [d.name.text] : ts.isObjectBindingPattern(d.name) ? d.name.elements.map((e) => e.name.getText()) : [];
          for (const name of names) {
            if (isRoute && !HTTP_METHODS.has(name)) continue;
            if (!isRoute && d.initializer && !ts.isArrowFunction(d.initializer) && !ts.isFunctionExpression(d.initializer)) continue;
            found.push({ id: `${rel}#${name}`, body: d.initializer?.getText() ?? "" });
          }
        }
      }
    }
    return found;
  });
}

describe("access control", () => {
  const all = entryPoints();

  it("finds the entry points (the scan itself works)", () => {
    expect(all.map((e) => e.id)).toEqual(
      expect.arrayContaining(["app/(studio)/runs/actions.ts#cancelRunAction", "app/(studio)/settings/llm-actions.ts#saveRoleAction", "app/api/runs/route.ts#GET"]),
    );
  });

  it("every server action and route handler checks the session or the role, unless it is public on purpose", () => {
    const unguarded = all.filter((e) => !PUBLIC.has(e.id) && !GUARDS.test(e.body)).map((e) => e.id);
    expect(unguarded).toEqual([]);
  });

  it("every server action that is not public needs a role, not just a session", () => {
    const actions = all.filter((e) => /actions\.ts#/.test(e.id) && !PUBLIC.has(e.id));
    expect(actions.filter((e) => !/\brequireRole\(/.test(e.body)).map((e) => e.id)).toEqual([]);
  });
});
