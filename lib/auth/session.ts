import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db, type UserRole } from "../db/client";
import { env } from "../env";
import { createAuth, type Auth } from "./auth";
import { hasRole } from "./roles";
import { loadOrCreateSecret } from "./secret";
import { hasAnyUser } from "./users";

const globalForAuth = globalThis as unknown as { studioAuth?: Auth };

export function auth(): Auth {
  globalForAuth.studioAuth ??= createAuth(db(), loadOrCreateSecret(env.STUDIO_DATA_DIR, env.BETTER_AUTH_SECRET));
  return globalForAuth.studioAuth;
}

export type SessionUser = { id: string; name: string; email: string; role: UserRole };

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, name, email } = session.user;
  const role = (session.user as { role?: string }).role as UserRole;
  return { id, name, email, role };
});

/** For pages: sends visitors to the first-admin form or the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  redirect((await hasAnyUser(db())) ? "/sign-in" : "/setup");
}

export class ForbiddenError extends Error {}

/** For server actions and route handlers that change data: the role is checked here, on the server. */
export async function requireRole(role: UserRole): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new ForbiddenError("Sign in first");
  if (!hasRole(user.role, role)) throw new ForbiddenError(`This needs the ${role} role; you are ${user.role}`);
  return user;
}
