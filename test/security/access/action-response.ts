import type { APIResponse } from "@playwright/test";

/**
 * What a server action call came to. The answer is a React Flight stream
 * whose row 0 names the row holding the action's result ("a": "$@1"); a
 * thrown error is a row starting with E. A redirect is a success too.
 */
export async function actionOutcome(res: APIResponse): Promise<{ refused: boolean; summary: string }> {
  const text = await res.text();
  const redirect = res.headers()["x-action-redirect"];
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  let result: string | undefined;
  try {
    const ref = (JSON.parse(rows.get("0") ?? "{}") as { a?: string }).a;
    if (ref?.startsWith("$@")) result = rows.get(ref.slice(2));
  } catch {
    // not a Flight answer (a plain 4xx/5xx page): there is no result row
  }
  const threw = result === undefined || result.startsWith("E");
  const refused = res.status() >= 400 && threw && !redirect;
  return { refused, summary: `${res.status()} ${redirect ? `redirect ${redirect} ` : ""}${(result ?? text).slice(0, 160)}` };
}
