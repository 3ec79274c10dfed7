import "server-only";
import type { Db } from "../db/client";

// Every sign-in attempt counts against its account and its client address
// before the password is checked (so a burst of parallel guesses is counted
// too); a success clears the account's count. Past its free attempts a key
// must wait, twice as long after each further failure, up to a cap: an
// account is slowed down, never locked out for good.

export const THROTTLE = {
  account: { free: 5 },
  address: { free: 20 },
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  /** a key with no attempt for this long starts afresh */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

export type SignInKeys = { email: string; address?: string };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; message: string };

function keys({ email, address }: SignInKeys): { key: string; free: number }[] {
  const list: { key: string; free: number }[] = [{ key: `account:${email.trim().toLowerCase()}`, free: THROTTLE.account.free }];
  if (address) list.push({ key: `address:${address}`, free: THROTTLE.address.free });
  return list;
}

export function delaySeconds(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(THROTTLE.maxDelaySeconds, THROTTLE.firstDelaySeconds * 2 ** (failures - free - 1));
}

/** Counts one attempt on each key, or refuses it while a key must still wait. */
export async function admitSignIn(db: Db, who: SignInKeys, now = new Date()): Promise<ThrottleDecision> {
  return db.$transaction(async (tx) => {
    let waitUntil = 0;
    const rows = [];
    for (const { key, free } of keys(who)) {
      await tx.$executeRaw`insert into "SignInThrottle" (key) values (${key}) on conflict (key) do nothing`;
      const [row] = await tx.$queryRaw<{ failures: number; lastAttemptAt: Date; blockedUntil: Date | null }[]>`
        select failures, "lastAttemptAt", "blockedUntil" from "SignInThrottle" where key = ${key} for update`;
      if (row.blockedUntil && row.blockedUntil > now) waitUntil = Math.max(waitUntil, row.blockedUntil.getTime());
      rows.push({ key, free, row });
    }
    if (waitUntil) {
      const retryAfterSeconds = Math.ceil((waitUntil - now.getTime()) / 1000);
      return { allowed: false, retryAfterSeconds, message: `Too many failed sign-ins: try again in ${retryAfterSeconds} s` };
    }
    for (const { key, free, row } of rows) {
      const stale = now.getTime() - row.lastAttemptAt.getTime() > THROTTLE.forgetAfterSeconds * 1000;
      const failures = (stale ? 0 : row.failures) + 1;
      const delay = delaySeconds(failures, free);
      await tx.signInThrottle.update({
        where: { key },
        data: { failures, lastAttemptAt: now, blockedUntil: delay ? new Date(now.getTime() + delay * 1000) : null },
      });
    }
    return { allowed: true };
  });
}

/**
 * The password was right: the account starts afresh, and the address takes
 * back this one attempt only (clearing it would let one account launder
 * another's guesses), so people signing in behind one address never add up.
 */
export async function signInSucceeded(db: Db, who: SignInKeys): Promise<void> {
  const [account, address] = keys(who);
  await db.signInThrottle.deleteMany({ where: { key: account.key } });
  if (address) await db.signInThrottle.updateMany({ where: { key: address.key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}
