import { z } from "zod";
import { Refusal } from "../actions/result";

// What a tool source's `config` column holds, per kind. Built-in servers name
// an installed npm package instead of a command, so their config stays valid
// wherever the studio is installed.

const env = z.record(z.string(), z.string()).default({});
const timeoutMs = z.number().int().min(500).max(600_000).default(30_000);
const folder = z
  .object({
    path: z
      .string()
      .min(1)
      .refine((p) => p.startsWith("/") && !p.split("/").includes(".."), "a folder is an absolute path without .."),
    /** read-only unless the server must write there */
    write: z.boolean().default(false),
  })
  .strict();

export const stdioConfigSchema = z
  .object({
    command: z.string().min(1).optional(),
    package: z.string().min(1).optional(),
    args: z.array(z.string()).default([]),
    env,
    cwd: z.string().min(1).optional(),
    timeoutMs,
    /** under bubblewrap, the only folders of the machine the server sees besides the system and its runtime */
    folders: z.array(folder).max(50).default([]),
    /** under bubblewrap, whether the server shares the studio's network (npx and uvx need it to fetch packages) */
    network: z.boolean().default(false),
  })
  .strict()
  .refine((c) => Boolean(c.command) !== Boolean(c.package), { message: "give either a command or an installed package, not both" });

export const httpConfigSchema = z
  .object({
    url: z
      .string()
      .url()
      .refine((u) => /^https?:/.test(u), "the URL must start with http:// or https://"),
    headers: z.record(z.string(), z.string()).default({}),
    /** auto: Streamable HTTP, falling back to SSE for older servers */
    transport: z.enum(["auto", "streamable-http", "sse"]).default("auto"),
    timeoutMs,
  })
  .strict();

export const fileConfigSchema = z.union([
  z
    .object({
      /** the imported file or folder on the harvesting machine; re-read on every harvest */
      path: z.string().min(1),
    })
    .strict(),
  z
    .object({
      /** an uploaded tool file, kept in the artifact store so that any machine harvests it */
      artifactId: z.string().min(1),
      fileName: z.string().min(1),
    })
    .strict(),
]);

export type StdioConfig = z.infer<typeof stdioConfigSchema>;
export type HttpConfig = z.infer<typeof httpConfigSchema>;
export type FileConfig = z.infer<typeof fileConfigSchema>;

export const sourceNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-zA-Z0-9][\w.@:-]*$/, "a source name uses letters, digits and . _ - : @ (it prefixes the keys of its tools)");

export const newSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("stdio"), name: sourceNameSchema, config: stdioConfigSchema }),
  z.object({ kind: z.literal("http"), name: sourceNameSchema, config: httpConfigSchema }),
  z.object({ kind: z.literal("file"), name: sourceNameSchema, config: fileConfigSchema }),
]);
export type NewSource = z.input<typeof newSourceSchema>;

/** A source whose stored settings do not parse: the user can fix them, so it is a message, not a crash. */
export class SourceConfigError extends Refusal {}

export function parseSourceConfig(kind: "stdio", config: unknown): StdioConfig;
export function parseSourceConfig(kind: "http", config: unknown): HttpConfig;
export function parseSourceConfig(kind: "file", config: unknown): FileConfig;
export function parseSourceConfig(kind: "stdio" | "http" | "file", config: unknown): StdioConfig | HttpConfig | FileConfig {
  const schema = { stdio: stdioConfigSchema, http: httpConfigSchema, file: fileConfigSchema }[kind];
  const parsed = schema.safeParse(config);
  if (!parsed.success)
    throw new SourceConfigError(
      `the ${kind} source's settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
