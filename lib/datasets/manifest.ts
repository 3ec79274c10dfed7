import { z } from "zod";
import { ADJUSTMENTS, formatIdSchema, type Adjustment } from "./formats/types";
import { selectionSchema } from "./config";

const countedSchema = z.object({ count: z.number().int() });

/** What the manifest says of one record: where it is, and that a reviewer corrected it (the correction, not the original, was written). */
export const recordNoteSchema = z.object({
  file: z.string(),
  /** 1-based line of the file */
  line: z.number().int(),
  trajectoryId: z.string(),
  correctionId: z.string(),
  human_edited: z.literal(true),
});
export type RecordNote = z.infer<typeof recordNoteSchema>;

export const manifestFileSchema = z.object({ name: z.string(), records: z.number().int(), bytes: z.number().int(), sha256: z.string() });

/** What a dataset version says of itself: written beside its files and kept on its Dataset row. */
export const manifestSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  format: formatIdSchema,
  createdAt: z.string(),
  filter: selectionSchema,
  split: z.object({ validationFraction: z.number(), seed: z.string(), by: z.literal("task") }).nullable(),
  dedup: z.boolean(),
  counts: z.object({
    selected: z.number().int(),
    written: z.number().int(),
    train: z.number().int(),
    validation: z.number().int(),
    duplicatesDropped: z.number().int(),
    /** trajectories that could not be valid records of the format: never written */
    refused: z.number().int().default(0),
    imported: z.number().int(),
    /** records written from a reviewer's correction */
    humanEdited: z.number().int().default(0),
    tasks: z.object({ train: z.number().int(), validation: z.number().int() }),
  }),
  sourceRuns: z.array(countedSchema.extend({ runId: z.string(), kind: z.string().nullable() })),
  models: z.array(countedSchema.extend({ model: z.string() })),
  /** "offline" means the deterministic offline provider made those trajectories */
  providers: z.array(countedSchema.extend({ provider: z.string() })),
  /** the user and tool simulators' prompt versions the simulated trajectories ran with */
  simulatorPrompts: z.array(countedSchema.extend({ userSimulator: z.string(), toolSimulator: z.string() })).default([]),
  judgeConfigs: z.array(z.object({ configHash: z.string(), judgeModel: z.string(), promptVersion: z.string(), judgements: z.number().int() })),
  files: z.array(manifestFileSchema),
  /** the first refused trajectories with the reasons they cannot be valid records */
  refused: z.array(z.object({ trajectoryId: z.string(), reasons: z.array(z.string()) })).default([]),
  /** what was changed, within the format's rules, to write records, and how many records it touched */
  adjustments: z.array(z.object({ code: z.enum(Object.keys(ADJUSTMENTS) as [Adjustment, ...Adjustment[]]), records: z.number().int() })).default([]),
  /** per-record metadata, for the records that carry any: today the human-edited ones */
  records: z.array(recordNoteSchema).default([]),
  /** why the version holds no records, when it holds none */
  emptyBecause: z.string().nullable().default(null),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Counts by key, listed largest first; for the manifest's runs and models. */
export class Tally {
  private counts = new Map<string, number>();
  add(key: string, n = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  entries(): [string, number][] {
    return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }
}

/** Tallies the simulator prompt versions of the trajectories added (imported ones have none). */
export class SimulatorPromptTally {
  private tally = new Tally();
  add(t: { userSimulatorPromptVersion: string | null; toolSimulatorPromptVersion: string | null }) {
    if (t.userSimulatorPromptVersion || t.toolSimulatorPromptVersion)
      this.tally.add(JSON.stringify([t.userSimulatorPromptVersion ?? "", t.toolSimulatorPromptVersion ?? ""]));
  }
  entries(): Manifest["simulatorPrompts"] {
    return this.tally.entries().map(([key, count]) => {
      const [userSimulator, toolSimulator] = JSON.parse(key) as [string, string];
      return { userSimulator, toolSimulator, count };
    });
  }
}
