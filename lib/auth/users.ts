import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Db, UserRole } from "../db/client";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

export const newUserSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(100),
  email: z.string().trim().toLowerCase().email("Enter a valid email"),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});
export type NewUser = z.infer<typeof newUserSchema>;

export type CreateUserResult = { ok: true; userId: string } | { ok: false; error: string };

export const NAME_TAKEN = "Another user has this name";

/** Whether `name` is a user's other than `exceptUserId` (compared trimmed, ignoring case): people are told apart by name in reviews and filters. */
export async function nameTaken(db: Db, name: string, exceptUserId?: string): Promise<boolean> {
  const taken = await db.user.findFirst({
    where: { name: { equals: name.trim(), mode: "insensitive" }, ...(exceptUserId && { id: { not: exceptUserId } }) },
    select: { id: true },
  });
  return taken !== null;
}

/** Creates a user with a password account in the shape better-auth reads. */
export async function createUser(db: Db, input: NewUser, role: UserRole): Promise<CreateUserResult> {
  if (await db.user.findUnique({ where: { email: input.email } })) {
    return { ok: false, error: "A user with this email already exists" };
  }
  if (await nameTaken(db, input.name)) return { ok: false, error: NAME_TAKEN };
  const id = randomUUID();
  const password = await hashPassword(input.password);
  await db.user.create({
    data: {
      id,
      name: input.name,
      email: input.email,
      role,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: "credential", password } },
    },
  });
  return { ok: true, userId: id };
}

/**
 * The first account becomes the admin. Serialised with an advisory lock so two
 * simultaneous first visits cannot both become admin.
 */
export async function createFirstAdmin(db: Db, input: NewUser): Promise<CreateUserResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(72707370)`;
    if ((await tx.user.count()) > 0) return { ok: false, error: "The studio already has an admin; sign in instead" };
    return createUser(tx as unknown as Db, input, "admin");
  });
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.count()) > 0;
}
