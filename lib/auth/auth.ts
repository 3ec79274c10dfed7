import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import type { Db } from "../db/client";
import { studioUrl } from "../env";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { MIN_PASSWORD_LENGTH } from "./password-rules";
import { admitSignIn, signInSucceeded } from "./throttle";

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
      session: {
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
