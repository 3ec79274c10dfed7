import { z } from "zod";
import { idSchema } from "../actions/inputs";

// What the review pages' buttons send about a queue and the item a reviewer holds.

export const queueRefSchema = z.object({ queueId: idSchema });
export const queueItemSchema = z.object({ queueId: idSchema, trajectoryId: idSchema });
export type QueueRef = z.input<typeof queueRefSchema>;
export type QueueItem = z.input<typeof queueItemSchema>;
