import net from "node:net";
import { APIConnectionError } from "openai";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "./client";
import { Prisma } from "./generated/client";
import { DatabaseUnavailableError, isTransientDbError } from "./errors";
import { errorOrigin } from "../jobs/error-origin";

const url = inject("databaseUrl");

describe("transient database errors", () => {
  const clients: ReturnType<typeof createDb>[] = [];
  afterAll(async () => Promise.all(clients.map((c) => c.$disconnect())));
  const client = (u: string) => {
    const c = createDb(u, { max: 1 });
    clients.push(c);
    return c;
  };

  it("recognises a database that cannot be reached, by the client's error", async () => {
    const error = await client("postgresql://postgres@127.0.0.1:1/none")
      .run.findFirst()
      .catch((e: unknown) => e);
    expect(isTransientDbError(error)).toBe(true);
    expect(errorOrigin(error)).toBe("database");
  });

  it("recognises a transaction that could not start or finish in time (every connection busy), by Prisma's code", () => {
    // Prisma raises P2028 when its interactive transaction waited past maxWait for a connection or ran past its timeout
    const error = new Prisma.PrismaClientKnownRequestError("Transaction API error: Unable to start a transaction in the given time.", {
      code: "P2028",
      clientVersion: Prisma.prismaVersion.client,
    });
    expect(isTransientDbError(error)).toBe(true);
    expect(errorOrigin(error)).toBe("database");
  });

  it("recognises a connection the server terminated mid-query", async () => {
    const db = client(url);
    const other = client(url);
    const [{ pid }] = await db.$queryRaw<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const pending = db.$queryRaw`select pg_sleep(5)::text`.catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await other.$queryRaw`select pg_terminate_backend(${pid}::int)::text`;
    const error = await pending;
    expect(isTransientDbError(error)).toBe(true);
    expect(errorOrigin(error)).toBe("database");
  });

  it("recognises a socket dropped under a query, which pg reports without a code", async () => {
    const target = new URL(url);
    const sockets: net.Socket[] = [];
    const proxy = net.createServer((c) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const s of [c, upstream]) s.on("error", () => {});
      sockets.push(c, upstream);
      c.pipe(upstream).pipe(c);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const via = new URL(url);
      via.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      const db = client(via.toString());
      const pending = db.$queryRaw`select pg_sleep(5)::text as dropped_socket`.catch((e: unknown) => e);
      // drop the sockets only once the query runs (on a busy machine connecting alone can take longer than a fixed wait)
      const watcher = client(url);
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await watcher.$queryRaw<
          { n: number }[]
        >`select count(*)::int as n from pg_stat_activity where query like '%dropped_socket%' and pid <> pg_backend_pid()`;
        if (n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      sockets.forEach((s) => s.destroy());
      const error = await pending;
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(isTransientDbError(error)).toBe(true);
    } finally {
      proxy.close();
    }
  });

  it("does not excuse errors in the work itself, nor an endpoint's connection errors", async () => {
    const db = client(url);
    const error = await db.$queryRaw`select * from no_such_table_anywhere`.catch((e: unknown) => e);
    expect(isTransientDbError(error)).toBe(false);
    expect(errorOrigin(error)).toBe("database");
    expect(isTransientDbError(new Error("terminating connection due to administrator command"))).toBe(false);
    const endpointDown = new APIConnectionError({
      message: "Connection error.",
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED", syscall: "connect" }),
    });
    expect(isTransientDbError(endpointDown)).toBe(false);
    expect(errorOrigin(endpointDown)).toBe("endpoint");
    expect(isTransientDbError(null)).toBe(false);
  });
});
