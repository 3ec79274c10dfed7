import { z } from "zod";
import { idSchema } from "../actions/inputs";

// What the Sources page's forms and buttons send.

const MAX_FILE_BYTES = 1024 * 1024;

export const sourceRefSchema = z.object({ sourceId: idSchema });
/** The settings are checked by updateSource, as when the source was added. */
export const updateSourceSchema = z.object({ sourceId: idSchema, config: z.unknown() });
export const setSourceDisabledSchema = z.object({ sourceId: idSchema, disabled: z.boolean() });
export const harvestSchema = z.object({ sourceIds: z.array(idSchema).max(1_000) });
export const uploadToolFileSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose a file" })
    .refine((f) => f.size > 0, "Choose a file")
    .refine((f) => f.size <= MAX_FILE_BYTES, "The file is larger than 1 MB: import it with `npm run studio -- import-tools FILE`"),
  sourceName: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((s) => s || undefined),
});
export const serverListTextSchema = z.object({
  text: z.string().trim().min(2, "Paste the configuration").max(MAX_FILE_BYTES, "The configuration is larger than 1 MB"),
});

export type SourceRef = z.input<typeof sourceRefSchema>;
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;
export type SetSourceDisabledInput = z.input<typeof setSourceDisabledSchema>;
export type HarvestInput = z.input<typeof harvestSchema>;
export type ServerListText = z.input<typeof serverListTextSchema>;
