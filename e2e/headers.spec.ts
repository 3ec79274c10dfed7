import { expect, test, type APIResponse } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// The built studio answers with its security headers, and its pages work
// under their Content-Security-Policy: every script in the HTML carries the
// response's nonce, and the browser refuses nothing while a person signs in
// and moves between pages.

function nonceOf(res: APIResponse): string {
  const csp = res.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  return nonce!;
}

function expectSecurityHeaders(res: APIResponse, path: string) {
  expect(res.status(), path).toBe(200);
  const headers = res.headers();
  expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers, path).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "x-frame-options": "DENY" });
  expect(headers, path).not.toHaveProperty("x-powered-by");
}

async function expectNoncedScripts(res: APIResponse, path: string) {
  const nonce = nonceOf(res);
  const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
}

test("pages answer with the security headers, and every script in them carries the response's nonce", async ({ page, browser }) => {
  await signInAsAdmin(page);
  for (const path of ["/", "/settings", "/trajectories"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(res, path);
    await expectNoncedScripts(res, path);
  }
  // signed out: the sign-in page, each response with its own nonce
  const visitor = await browser.newContext();
  const signIn = new URL("/sign-in", page.url()).toString();
  const [a, b] = await Promise.all([visitor.request.get(signIn, { maxRedirects: 0 }), visitor.request.get(signIn, { maxRedirects: 0 })]);
  expectSecurityHeaders(a, "/sign-in");
  await expectNoncedScripts(a, "/sign-in");
  expect(nonceOf(a)).not.toBe(nonceOf(b));
  await visitor.close();
});

test("the browser refuses nothing under the policy while a person signs in and moves between pages", async ({ page }) => {
  const refusals: string[] = [];
  page.on("console", (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) refusals.push(m.text());
  });
  await signInAsAdmin(page);
  for (const name of ["Trajectories", "Settings", "Datasets"]) {
    await page.getByRole("link", { name, exact: true }).first().click();
    await expect(page.locator("main h1").first()).toBeVisible();
  }
  expect(refusals).toEqual([]);
});
