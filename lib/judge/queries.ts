import "server-only";
import type { Db } from "../db/client";

// What the Calibration page reads besides the calibration itself (lib/judge/calibration.ts).

/** The latest simulate runs, whose episodes the start form offers to judge. */
export function simulateRunChoices(db: Db) {
  return db.run.findMany({ where: { kind: "simulate" }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, createdAt: true, done: true } });
}
