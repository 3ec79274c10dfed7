import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A layout's session check does not protect its pages: on a client navigation
// the router asks for the page segment alone and the layout does not run, so
// an anonymous request can fetch a page's data (e2e/access.spec.ts shows it
// against the built studio). So every studio page checks for itself.

const STUDIO = path.resolve(import.meta.dirname, "../../app/(studio)");
const GUARD = /\b(requirePageUser|requireRole|currentUser)\(/;

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? pages(p) : name === "page.tsx" ? [p] : [];
  });
}

describe("studio pages", () => {
  it("finds the pages (the scan itself works)", () => {
    expect(pages(STUDIO).length).toBeGreaterThan(10);
  });

  it("every page behind the studio layout checks the session itself", () => {
    const unguarded = pages(STUDIO).filter((p) => !GUARD.test(readFileSync(p, "utf8")));
    expect(unguarded.map((p) => path.relative(STUDIO, p))).toEqual([]);
  });
});
