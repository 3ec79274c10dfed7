import "server-only";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { refusedBy, type Result } from "../actions/result";
import type { Db, UserRole } from "../db/client";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

// What an admin does to other people's accounts. Sessions are rows of the
// `session` table that better-auth reads on every request (no cookie cache),
// so deleting a user's rows signs them out at once; a deactivated user is
// refused a new session by the hook in auth.ts.

export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200);

/** What an admin did, said for them. */
export type AdminResult = Result<{ message: string }>;

/** Whether changing `userId` to `role`/deactivated would leave the studio with no active admin. */
async function wouldLeaveNoAdmin(db: Db, userId: string): Promise<boolean> {
  const others = await db.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  return others === 0;
}

async function endSessions(db: Db, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}

export async function setUserRole(db: Db, userId: string, role: UserRole): Promise<AdminResult> {
  // one at a time, so two admins demoting each other at once cannot both succeed
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(72707371)`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, name: true, deactivatedAt: true } });
    if (!user) return { ok: false, error: "No such user" };
    if (user.role === role) return { ok: true, message: `${user.name} is already ${role}` };
    if (user.role === "admin" && !user.deactivatedAt && (await wouldLeaveNoAdmin(tx as unknown as Db, userId))) {
      return { ok: false, error: `${user.name} is the last admin: make someone else admin first` };
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    return { ok: true, message: `${user.name} is now ${role}` };
  });
}

/** Deactivates (signing the user out everywhere at once) or reactivates an account. */
export async function setUserActive(db: Db, userId: string, active: boolean, now = new Date()): Promise<AdminResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(72707371)`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, name: true, deactivatedAt: true } });
    if (!user) return { ok: false, error: "No such user" };
    if (active) {
      await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
      return { ok: true, message: `${user.name} can sign in again` };
    }
    if (user.role === "admin" && !user.deactivatedAt && (await wouldLeaveNoAdmin(tx as unknown as Db, userId))) {
      return { ok: false, error: `${user.name} is the last admin: make someone else admin first` };
    }
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: user.deactivatedAt ?? now } });
    const ended = await endSessions(tx as unknown as Db, userId);
    return { ok: true, message: `${user.name} is deactivated; ${ended} session${ended === 1 ? "" : "s"} ended` };
  });
}

/** Sets a new password for a user's password account and ends their sessions (unless it is the admin's own account). */
export async function resetPassword(db: Db, userId: string, password: string, actorId: string): Promise<AdminResult> {
  const parsed = newPasswordSchema.safeParse(password);
  if (!parsed.success) return refusedBy(parsed.error);
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
  if (!user) return { ok: false, error: "No such user" };
  const hash = await hashPassword(parsed.data);
  const updated = await db.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
  if (updated.count === 0) return { ok: false, error: `${user.name} has no password account` };
  const ended = userId === actorId ? 0 : await endSessions(db, userId);
  return { ok: true, message: `New password set for ${user.name}${ended ? `; ${ended} session${ended === 1 ? "" : "s"} ended` : ""}` };
}

export async function revokeSession(db: Db, sessionId: string): Promise<AdminResult> {
  const gone = await db.session.deleteMany({ where: { id: sessionId } });
  return gone.count ? { ok: true, message: "Session ended" } : { ok: false, error: "That session has already ended" };
}

export type ManagedUser = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  deactivatedAt: string | null;
  sessions: { id: string; createdAt: string; updatedAt: string; expiresAt: string; ipAddress: string | null; userAgent: string | null }[];
};

/** Every user with their live sessions, oldest account first. */
export async function listManagedUsers(db: Db, now = new Date()): Promise<ManagedUser[]> {
  const users = await db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      deactivatedAt: true,
      sessions: {
        where: { expiresAt: { gt: now } },
        orderBy: { updatedAt: "desc" },
        select: { id: true, createdAt: true, updatedAt: true, expiresAt: true, ipAddress: true, userAgent: true },
      },
    },
  });
  return users.map((u) => ({
    ...u,
    deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
    sessions: u.sessions.map((s) => ({
      ...s,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
  }));
}

/** Whether the account may have a session (deactivated ones may not). */
export async function isActiveUser(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { deactivatedAt: true } });
  return user !== null && user.deactivatedAt === null;
}
