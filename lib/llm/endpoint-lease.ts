import type { Db } from "../db/client";
import { adapt, decayCounts, fairShares, NO_OBSERVATIONS, type AimdState, type Observations } from "./adaptive-limit";
import { sha256 } from "./hash";

// An endpoint's concurrency limit is shared through PostgreSQL: each worker
// process holds a lease on some of its slots, renewed every second or so
// while it has calls to make, and sized by a fair split of the (adaptive)
// limit among the processes that want slots. A process that dies stops
// renewing; its slots lapse at the lease's expiry. All times are the
// database's clock, so workers on machines with skewed clocks agree.

/** An endpoint's identity: base URL + key, hashed so the key is never stored. */
export function endpointId(baseUrl: string, apiKey: string | undefined): string {
  return sha256(`${baseUrl.replace(/\/+$/, "")}\n${apiKey ?? ""}`);
}

export type LeaseRequest = {
  endpointId: string;
  /** The base URL without credentials, shown in Settings. */
  baseUrl: string;
  holder: string;
  /** Calls this process had in flight or waiting, at most, since it last renewed. */
  demand: number;
  /** Calls in flight now: a shrinking share still counts them until they end. */
  active: number;
  /** Idle for a while: give the slots back. */
  release: boolean;
  /** This process's configured limit for the endpoint. */
  configured: number;
  ttlMs: number;
  seen: Observations;
};

export type LeaseGrant = { slots: number; limit: number; configuredLimit: number };

type LimitRow = AimdState & { requests: number; rateLimited: number; serverErrors: number; countedAt: Date; now: Date };

export async function renewLease(db: Db, r: LeaseRequest): Promise<LeaseGrant> {
  return db.$transaction(async (tx) => {
    // The upsert locks the endpoint's row: renewals of one endpoint take turns, so the slots granted never add up past the limit.
    const [row] = await tx.$queryRaw<LimitRow[]>`INSERT INTO "EndpointLimit" ("id", "baseUrl", "configuredLimit", "currentLimit", "updatedAt")
      VALUES (${r.endpointId}, ${r.baseUrl}, ${r.configured}, ${r.configured}, now())
      ON CONFLICT ("id") DO UPDATE SET "updatedAt" = now()
      RETURNING "configuredLimit", "currentLimit", "baselineLatencyMs", "lastDecreaseAt", "requests", "rateLimited", "serverErrors", "countedAt", now() AS "now"`;
    const { now } = row;
    const leases = await tx.endpointLease.findMany({ where: { endpointId: r.endpointId } });
    const others = leases.filter((l) => l.holder !== r.holder && l.expiresAt > now);
    const mine = leases.find((l) => l.holder === r.holder);

    // The smallest limit any live holder was configured with; a change of it starts the adaptation over.
    const configuredLimit = Math.min(r.configured, ...others.map((l) => l.configured));
    let state: AimdState = {
      configuredLimit: row.configuredLimit,
      currentLimit: row.currentLimit,
      baselineLatencyMs: row.baselineLatencyMs,
      lastDecreaseAt: row.lastDecreaseAt,
    };
    if (configuredLimit !== row.configuredLimit) state = { ...state, configuredLimit, currentLimit: configuredLimit };
    state = adapt(state, r.seen, now);
    const counts = decayCounts(row, r.seen, now);
    const limit = Math.max(1, Math.floor(state.currentLimit));

    const holders = [
      { holder: r.holder, demand: r.demand, held: mine?.slots ?? 0 },
      ...others.map((l) => ({ holder: l.holder, demand: l.demand, held: l.slots })),
    ];
    const shares = fairShares(limit, holders);
    const spare = limit - [...shares.values()].reduce((a, b) => a + b, 0);
    // Slots nobody asked for are split among the holders, so a worker's next burst needs no renewal first.
    const wanted = r.release ? 0 : shares.get(r.holder)! + Math.floor(spare / holders.length);
    const othersHeld = others.reduce((n, l) => n + l.slots, 0);
    const slots = Math.max(0, Math.min(wanted, limit - othersHeld));

    await tx.endpointLease.deleteMany({ where: { endpointId: r.endpointId, expiresAt: { lte: now } } });
    const held = Math.max(slots, r.active);
    if (held === 0 && r.release) await tx.endpointLease.deleteMany({ where: { endpointId: r.endpointId, holder: r.holder } });
    else {
      const lease = { slots: held, demand: r.demand, configured: r.configured, expiresAt: new Date(now.getTime() + r.ttlMs) };
      await tx.endpointLease.upsert({
        where: { endpointId_holder: { endpointId: r.endpointId, holder: r.holder } },
        create: { endpointId: r.endpointId, holder: r.holder, ...lease },
        update: lease,
      });
    }
    await tx.endpointLimit.update({ where: { id: r.endpointId }, data: { ...state, ...counts, baseUrl: r.baseUrl } });
    return { slots, limit, configuredLimit: state.configuredLimit };
  });
}

export type EndpointLimitView = {
  id: string;
  baseUrl: string;
  configuredLimit: number;
  currentLimit: number;
  /** Worker processes holding slots now, and how many. */
  holders: number;
  slotsHeld: number;
  /** Requests of about the last five minutes (decayed), and the shares of them that got a 429 or a 5xx. */
  recentRequests: number;
  rateLimitedShare: number;
  serverErrorShare: number;
  updatedAt: Date;
};

/** Every endpoint's limit as the workers share it, for the Settings page. */
export async function listEndpointLimits(db: Db): Promise<EndpointLimitView[]> {
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
  const rows = await db.endpointLimit.findMany({ orderBy: { baseUrl: "asc" }, include: { leases: { where: { expiresAt: { gt: now } } } } });
  return rows.map((r) => {
    const counts = decayCounts(r, NO_OBSERVATIONS, now);
    const share = (n: number) => (counts.requests > 0 ? n / counts.requests : 0);
    return {
      id: r.id,
      baseUrl: r.baseUrl,
      configuredLimit: r.configuredLimit,
      currentLimit: Math.max(1, Math.floor(r.currentLimit)),
      holders: r.leases.length,
      slotsHeld: r.leases.reduce((n, l) => n + l.slots, 0),
      recentRequests: counts.requests,
      rateLimitedShare: share(counts.rateLimited),
      serverErrorShare: share(counts.serverErrors),
      updatedAt: r.updatedAt,
    };
  });
}
