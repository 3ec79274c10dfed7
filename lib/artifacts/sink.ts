import { PermanentError } from "../db/errors";

/** The artifact is not stored, or not whole (its writer has not finished). */
export class ArtifactMissing extends PermanentError {}

/** Where an artifact's bytes go as they are written: PostgreSQL chunks or an S3 object. */
export interface ArtifactSink {
  /** bytes handed to `put` at a time (the last part may be shorter) */
  readonly partBytes: number;
  put(part: Buffer, last: boolean): Promise<void>;
  /** every part is stored */
  finish(): Promise<void>;
  /** the write failed: release what the store holds for it */
  abort(): Promise<void>;
}
