import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { NAV_ITEMS } from "../components/shell/nav-items";
import { actionOutcome } from "../test/security/access/action-response";
import { callAction, postActionForm, routeHandlers, serverActions, type ServerAction } from "../test/security/access/server-actions";
import { fingerprint, removeTargets, seedTargets, withStudioDb, type Targets } from "../test/security/access/studio-db";
import { ACCESS } from "../test/access-roles";
import { ADMIN, signInAsAdmin } from "./helpers";

// Every server action of the built studio (from its manifest) and every route
// handler (from app/api), called as a signed-out visitor and as a viewer with
// arguments an admin's call would succeed with: each is refused and nothing
// changes. Then: no page hands the browser a secret, a page rendered alone
// still checks the session, and a foreign Origin is refused.

test.describe.configure({ mode: "serial" });

/** The role each entry point needs, from the one table the unit access test also checks. */
const needs = (key: string) => {
  const entry = ACCESS[key];
  return typeof entry === "string" ? entry : entry?.[0]?.needs;
};
const PUBLIC = new Set(Object.keys(ACCESS).filter((key) => needs(key) === "public"));

const EVIL = "https://evil.example";
const HASH = /[0-9a-f]{32}:[0-9a-f]{128}/; // better-auth's scrypt hash: hex salt, colon, hex key
const API_KEY = /\bsk-[A-Za-z0-9_-]{16,}/;

const form = (fields: Record<string, string | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const toolFile = () =>
  new File([JSON.stringify([{ name: "csrf_tool", description: "Planted by a forged request.", inputSchema: { type: "object" } }])], "planted.json", {
    type: "application/json",
  });

/** Arguments an admin's call would succeed with; an action added later gets `{}` until it is listed here. */
function argsFor(action: ServerAction, t: Targets): unknown[] {
  const planted = `planted-${t.marker}`;
  switch (action.name) {
    case "addUserAction":
      return [form({ name: "Mallory", email: `${planted}@studio.test`, password: "mallory-password", role: "admin" })];
    case "createFirstAdminAction":
      return [form({ name: "Mallory", email: `${planted}@studio.test`, password: "mallory-password" })];
    case "addSourceAction":
      return [{ kind: "file", name: planted, config: { path: "/etc" } }];
    case "uploadToolFileAction":
      return [form({ file: toolFile(), sourceName: planted })];
    case "testSourceAction":
      return [{ sourceId: t.sourceId }];
    case "harvestAction":
      return [{ sourceIds: [t.sourceId] }];
    case "cancelRunAction":
      return [{ runId: t.runId }];
    case "startTrialRunAction":
      return [{ steps: 1, delayMs: 0 }];
    case "startQualityAction":
      return [{ llm: false, scope: "pending" }];
    case "overruleQualityAction":
      return [{ toolId: t.toolId, verdict: "rejected", note: planted }];
    case "startExportAction":
      return [{ name: planted, format: "openai" }];
    case "startJudgeRunAction":
      return [{ config: { target: "ids", ids: [t.trajectoryId] } }];
    case "startSimulationAction":
      return [{ config: { taskIds: [], all: true } }];
    case "startForkAction":
      return [{ forks: [{ trajectoryId: t.trajectoryId, atStep: 1 }] }];
    case "bulkAction":
      return [{ action: "reject", ids: [t.trajectoryId] }];
    case "labelTrajectoryAction":
      return [{ trajectoryId: t.trajectoryId, verdict: "rejected", note: planted }];
    case "labelInQueueAction":
      return [{ trajectoryId: t.trajectoryId, verdict: "rejected", queueId: t.queueId }];
    case "createQueueAction":
      return [{ name: planted, query: "" }];
    case "startReviewingAction":
      return [{ queueId: t.queueId }];
    case "saveViewAction":
      return [{ name: planted, query: "verdict=accepted" }];
    case "deleteViewAction":
      return [{ viewId: t.viewId }];
    case "startEmbedAction":
    case "startClusterAction":
      return [];
    default:
      return [{}];
  }
}

async function signedInContext(
  playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } },
  baseURL: string,
  who?: { email: string; password: string },
) {
  const ctx = await playwright.request.newContext({ baseURL });
  if (who) {
    const res = await ctx.post("/api/auth/sign-in/email", { data: who, headers: { origin: baseURL } });
    expect(res.status(), `sign in as ${who.email}`).toBe(200);
  }
  return ctx;
}

/** Adds the viewer through the Settings page as an admin would; returns the admin's signed-in state. */
async function addViewer(browser: Browser, viewer: { name: string; email: string; password: string }) {
  const page = await browser.newPage();
  await signInAsAdmin(page);
  await page.goto("/settings");
  const addForm = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await addForm.getByLabel("Name").fill(viewer.name);
  await addForm.getByLabel("Email").fill(viewer.email);
  await addForm.getByLabel("Password").fill(viewer.password);
  await addForm.getByLabel("Role").selectOption("viewer");
  await addForm.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${viewer.email} as viewer`)).toBeVisible();
  const state = await page.context().storageState();
  await page.close();
  return state;
}

let baseURL: string;
let targets: Targets;
let anonymous: APIRequestContext;
let viewer: APIRequestContext;
let admin: APIRequestContext;

test.beforeAll(async ({ browser, playwright }) => {
  baseURL = test.info().project.use.baseURL!;
  const person = { name: "Vic Viewer", email: `vic-${Date.now().toString(36)}@studio.test`, password: "viewer password" };
  // the admin signs in through the page (better-auth limits sign-ins through its API to 3 per 10 s per address)
  const adminState = await addViewer(browser, person);
  targets = await seedTargets(ADMIN.email);
  anonymous = await signedInContext(playwright, baseURL);
  viewer = await signedInContext(playwright, baseURL, person);
  admin = await playwright.request.newContext({ baseURL, storageState: adminState });
});

test.afterAll(async () => {
  await Promise.all([anonymous?.dispose(), viewer?.dispose(), admin?.dispose()]);
  if (targets) await removeTargets(targets);
});

test("every server action refuses a signed-out visitor and a viewer, and nothing changes", async () => {
  const actions = serverActions();
  expect(actions.map((a) => a.name)).toEqual(expect.arrayContaining(["cancelRunAction", "addUserAction", "labelTrajectoryAction"]));
  // the calls are encoded as the browser encodes them: an admin's harmless call goes through
  const estimate = actions.find((a) => a.name === "estimateToolSynthesisAction");
  if (estimate) expect((await actionOutcome(await callAction(admin, estimate, [{}], { origin: baseURL }))).refused).toBe(false);

  const before = await fingerprint(targets);
  const accepted: string[] = [];
  for (const action of actions.filter((a) => !PUBLIC.has(`${a.file}#${a.name}`))) {
    const callers = needs(`${action.file}#${action.name}`) === "viewer" ? { anonymous } : { anonymous, viewer };
    for (const [who, ctx] of Object.entries(callers)) {
      const outcome = await actionOutcome(await callAction(ctx, action, argsFor(action, targets), { origin: baseURL }));
      if (!outcome.refused) accepted.push(`${action.file}#${action.name} as ${who}: ${outcome.summary}`);
    }
  }
  // a viewer's saved-view actions reach only the viewer's own views
  const deleteView = actions.find((a) => a.name === "deleteViewAction");
  if (deleteView) await callAction(viewer, deleteView, [targets.viewId], { origin: baseURL });

  expect(accepted).toEqual([]);
  expect(await fingerprint(targets)).toEqual(before);
});

test("the first-admin form cannot be replayed once the studio has an admin", async () => {
  const setup = serverActions().find((a) => a.name === "createFirstAdminAction")!;
  const before = await fingerprint(targets);
  const res = await callAction(anonymous, setup, argsFor(setup, targets), { origin: baseURL });
  expect(await res.text()).toContain("already has an admin");
  expect(await fingerprint(targets)).toEqual(before);
});

test("every route handler refuses a signed-out visitor, and a viewer everything but reading", async () => {
  const handlers = routeHandlers().filter((h) => !h.path.startsWith("/api/auth"));
  expect(handlers.map((h) => `${h.method} ${h.path}`)).toEqual(expect.arrayContaining(["GET /api/runs", "POST /api/datasets/import"]));
  const before = await fingerprint(targets);
  const accepted: string[] = [];
  const send = (ctx: APIRequestContext, method: string, url: string) =>
    ctx.fetch(`${url}?name=planted-${targets.marker}.jsonl`, {
      method,
      data: '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n',
      headers: { origin: baseURL },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
  for (const h of handlers) {
    // a real trajectory id where the path takes one, so a refusal is not just "no such thing"
    const url = h.path.replace("/api/trajectories/x", `/api/trajectories/${targets.trajectoryId}`);
    const anon = await send(anonymous, h.method, url);
    if (![401, 403].includes(anon.status())) accepted.push(`${h.method} ${url} signed out: ${anon.status()}`);
    if (h.method !== "GET") {
      const res = await send(viewer, h.method, url);
      if (![401, 403].includes(res.status())) accepted.push(`${h.method} ${url} as viewer: ${res.status()}`);
    }
  }
  expect(accepted).toEqual([]);
  expect((await admin.get(`/api/trajectories/${targets.trajectoryId}`)).status()).toBe(200); // the id was real
  expect(await fingerprint(targets)).toEqual(before);
});

test("a page rendered alone, as a client navigation asks, still sends a signed-out visitor to sign in", async () => {
  const leaked: string[] = [];
  for (const item of NAV_ITEMS) {
    // the router says it already shows the studio layout (on another page), so only the page itself renders
    const from = item.href === "/runs" ? "tools" : "runs";
    const tree = ["", { children: ["(studio)", { children: [from, { children: ["__PAGE__", {}] }] }] }];
    const res = await anonymous.get(item.href, { headers: { rsc: "1", "next-router-state-tree": encodeURIComponent(JSON.stringify(tree)) } });
    const body = await res.text();
    if (!body.includes("NEXT_REDIRECT;replace;/sign-in") || body.includes('"h1"')) leaked.push(`${item.href}: ${res.status()} ${body.slice(0, 120)}`);
  }
  expect(leaked).toEqual([]);
});

test("no page hands the browser a password hash, an API key, the session secret or a source's credentials", async ({ browser }) => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const authSecret = readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
  const pgPassword = new URL(readFileSync(path.join(dataDir, "pg-url"), "utf8").trim()).password;
  const hashes = await withStudioDb(async (c) =>
    (await c.query<{ password: string }>(`select password from account where password is not null`)).rows.map((r) => r.password),
  );
  expect(hashes.every((h) => HASH.test(h))).toBe(true); // the pattern matches what is stored

  const page = await browser.newPage();
  await signInAsAdmin(page);
  const sessionToken = (await page.context().cookies()).find((c) => c.name === "better-auth.session_token")!.value;
  const secrets = [
    authSecret,
    sessionToken,
    decodeURIComponent(sessionToken).split(".")[0],
    ...targets.sourceSecrets,
    ...hashes,
    ...(pgPassword.length >= 12 ? [pgPassword] : []),
  ]; // the embedded database's fixed password is the word "studio"
  const found: string[] = [];
  for (const item of NAV_ITEMS) {
    for (const [kind, headers] of [
      ["html", {}],
      ["rsc", { rsc: "1" }],
    ] as const) {
      const body = await (await page.request.get(item.href, { headers })).text();
      if (HASH.test(body)) found.push(`${item.href} (${kind}): a password hash`);
      if (API_KEY.test(body)) found.push(`${item.href} (${kind}): ${body.match(API_KEY)![0]}`);
      for (const s of secrets) if (body.includes(s)) found.push(`${item.href} (${kind}): ${s.slice(0, 12)}…`);
    }
  }
  await page.close();
  expect(found).toEqual([]);
});

test("a foreign Origin is refused by server actions, route handlers and sign-in, even with an admin's cookie", async ({ playwright }) => {
  const before = await fingerprint(targets);
  const actions = serverActions();
  const addUser = actions.find((a) => a.name === "addUserAction")!;
  expect((await actionOutcome(await callAction(admin, addUser, argsFor(addUser, targets), { origin: EVIL }))).refused).toBe(true);
  // a plain cross-site form post (no JavaScript, no Next-Action header)
  const upload = actions.find((a) => a.name === "uploadToolFileAction")!;
  const posted = await postActionForm(admin, upload, form({ file: toolFile(), sourceName: `planted-${targets.marker}` }), { origin: EVIL });
  expect(posted.status()).toBeGreaterThanOrEqual(400);
  for (const h of routeHandlers().filter((r) => r.method !== "GET" && !r.path.startsWith("/api/auth"))) {
    const res = await admin.fetch(`${h.path}?name=planted-${targets.marker}.jsonl`, {
      method: h.method,
      data: '{"messages":[]}\n',
      headers: { origin: EVIL },
      failOnStatusCode: false,
    });
    expect(res.status(), `${h.method} ${h.path}`).toBe(403);
  }
  expect(await fingerprint(targets)).toEqual(before);

  const visitor = await playwright.request.newContext({ baseURL });
  const signIn = await visitor.post("/api/auth/sign-in/email", {
    data: { email: ADMIN.email, password: ADMIN.password },
    headers: { origin: EVIL },
    failOnStatusCode: false,
  });
  expect(signIn.status()).toBe(403);
  expect(signIn.headers()["set-cookie"] ?? "").not.toContain("session_token");
  // the session cookie itself: out of reach of scripts, and not sent with cross-site posts
  const cookie = (await admin.storageState()).cookies.find((c) => c.name === "better-auth.session_token");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // guessing passwords through the API is throttled
  const guesses = [];
  for (let i = 0; i < 5; i++)
    guesses.push(
      (
        await visitor.post("/api/auth/sign-in/email", {
          data: { email: ADMIN.email, password: `guess-${i}` },
          headers: { origin: baseURL },
          failOnStatusCode: false,
        })
      ).status(),
    );
  expect(guesses).toContain(429);
  await visitor.dispose();
});
