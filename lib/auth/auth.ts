import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import type { Db } from "../db/client";
import { studioUrl } from "../env";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { MIN_PASSWORD_LENGTH } from "./password-rules";
import { admitSignIn, signInSucceeded } from "./throttle";
import { isActiveUser } from "./user-admin";
import { NAME_TAKEN, nameTaken } from "./users";

const DAY = 24 * 60 * 60;
/** a session slides (each visit pushes its end back) but never past this age */
export const SESSION_LIFETIME = { slidingSeconds: 7 * DAY, absoluteSeconds: 30 * DAY };
const SIGN_IN = "/sign-in/email";

export function createAuth(db: Db, secret: string) {
  return betterAuth({
    database: prismaAdapter(db, { provider: "postgresql" }),
    secret,
    baseURL: studioUrl(),
    trustedOrigins: [studioUrl()],
    // Accounts are made by the first-admin form and by admins (lib/auth/users.ts), never by open sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    user: { additionalFields: { role: { type: "string", input: false, defaultValue: "viewer" } } },
    session: { expiresIn: SESSION_LIFETIME.slidingSeconds },
    // the studio's web server (bin/web.ts) writes this header from the socket, replacing any a client sent
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
    databaseHooks: {
      user: {
        update: {
          // POST /api/auth/update-user lets a person rename themselves; never to someone else's name
          before: async (data, ctx) => {
            const userId = ctx?.context.session?.user.id;
            if (typeof data.name !== "string" || !userId) return;
            if (await nameTaken(db, data.name, userId)) throw new APIError("BAD_REQUEST", { message: NAME_TAKEN });
          },
        },
      },
      session: {
        create: {
          // a deactivated account is refused at sign-in (its existing sessions were deleted when it was deactivated)
          before: async (session) => {
            if (!(await isActiveUser(db, session.userId))) throw new APIError("FORBIDDEN", { message: "This account is deactivated: ask an admin" });
          },
        },
        update: {
          before: async (data, ctx) => {
            const createdAt = ctx?.context.session?.session.createdAt;
            if (!createdAt || !data.expiresAt) return;
            const last = new Date(new Date(createdAt).getTime() + SESSION_LIFETIME.absoluteSeconds * 1000);
            if (new Date(data.expiresAt) > last) return { data: { ...data, expiresAt: last } };
          },
        },
      },
    },
    // every way in (the sign-in page's action and POST /api/auth/sign-in/email) passes this endpoint
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        const address = ctx.headers?.get(CLIENT_ADDRESS_HEADER) || undefined;
        const decision = await admitSignIn(db, { email, address });
        if (!decision.allowed) throw new APIError("TOO_MANY_REQUESTS", { message: decision.message }, { "Retry-After": String(decision.retryAfterSeconds) });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN || !ctx.context.newSession) return;
        await signInSucceeded(db, { email: ctx.context.newSession.user.email, address: ctx.headers?.get(CLIENT_ADDRESS_HEADER) || undefined });
      }),
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
