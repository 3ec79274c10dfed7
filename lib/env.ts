import { z } from "zod";

// The one place that reads process.env. Everything else imports `env`.

/** A comma-separated list, blanks dropped. */
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );
/**
 * Object storage for artifacts (uploads and dataset files): when a bucket is
 * named, their bytes go there instead of PostgreSQL. Credentials not given
 * here come from the AWS SDK's default chain (its own variables, profile,
 * instance role).
 */
const s3Schema = z.object({
  STUDIO_S3_BUCKET: z.string().optional(),
  /** an S3-compatible server's address (MinIO, R2 …); AWS when unset */
  STUDIO_S3_ENDPOINT: z.string().url().optional(),
  STUDIO_S3_REGION: z.string().default("us-east-1"),
  STUDIO_S3_ACCESS_KEY_ID: z.string().optional(),
  STUDIO_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** key prefix inside the bucket, e.g. `studio/` */
  STUDIO_S3_PREFIX: z.string().default(""),
});
const schema = s3Schema.extend({
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  STUDIO_DATA_DIR: z.string().default(".data"),
  STUDIO_URL: z.string().url().optional(),
  BETTER_AUTH_SECRET: z.string().min(16).optional(),
  STUDIO_IN_PROCESS_WORKER: z.enum(["0", "1"]).default("1"),
  /** build the demo workspace on the first start of an empty studio */
  STUDIO_DEMO: z.enum(["0", "1"]).default("1"),
  STUDIO_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** how long a worker may stay silent before its run is handed to another (pg-boss minimum: 10) */
  STUDIO_JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(3600).default(15),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  /** where chat templates of Hugging Face model ids are fetched from (a mirror may stand in) */
  HF_ENDPOINT: z.string().url().default("https://huggingface.co"),
  /** read access to gated or private models' templates */
  HF_TOKEN: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** proxies whose X-Forwarded-For is believed (comma-separated addresses); none by default */
  STUDIO_TRUSTED_PROXIES: list(""),
  /** commands a stdio MCP source may run (comma-separated); built-in servers are always allowed */
  STUDIO_MCP_COMMANDS: list("npx,node,uvx,python3,docker"),
  /** let HTTP MCP sources reach loopback, link-local and private addresses */
  STUDIO_MCP_ALLOW_PRIVATE: z.enum(["0", "1"]).default("0"),
  /** the MCP server registry browsed by `studio registry` (GET /v0/servers) */
  STUDIO_MCP_REGISTRY_URL: z.string().url().default("https://registry.modelcontextprotocol.io"),
  /** passed on to the MCP servers the studio starts, and nothing else of its environment */
  PATH: z.string().optional(),
  HOME: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

function load<T extends z.ZodType>(s: T): z.infer<T> {
  // An empty variable means "not set" (as in `DATABASE_URL= npm start`).
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = s.safeParse(given);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}

export const env: Env = load(schema);

export type S3Config = { bucket: string; endpoint?: string; region: string; prefix: string; credentials?: { accessKeyId: string; secretAccessKey: string } };

/**
 * Where artifacts' bytes go: an S3 bucket when STUDIO_S3_BUCKET is set,
 * otherwise undefined (PostgreSQL). Read when asked, like DATABASE_URL, so a
 * process (or test) that sets the variables after start-up is heard.
 */
export function s3Config(): S3Config | undefined {
  const s = load(s3Schema);
  if (!s.STUDIO_S3_BUCKET) return undefined;
  if (!s.STUDIO_S3_ACCESS_KEY_ID !== !s.STUDIO_S3_SECRET_ACCESS_KEY)
    throw new Error("Invalid environment: set both STUDIO_S3_ACCESS_KEY_ID and STUDIO_S3_SECRET_ACCESS_KEY, or neither (the AWS SDK's own chain)");
  return {
    bucket: s.STUDIO_S3_BUCKET,
    endpoint: s.STUDIO_S3_ENDPOINT,
    region: s.STUDIO_S3_REGION,
    prefix: s.STUDIO_S3_PREFIX,
    credentials: s.STUDIO_S3_ACCESS_KEY_ID ? { accessKeyId: s.STUDIO_S3_ACCESS_KEY_ID, secretAccessKey: s.STUDIO_S3_SECRET_ACCESS_KEY! } : undefined,
  };
}

/** Environment variables by role, e.g. STUDIO_JUDGE_MODEL; read by the LLM gateway. */
export function roleEnv(role: string, key: string): string | undefined {
  const value = process.env[`STUDIO_${role.toUpperCase()}_${key}`];
  return value === "" ? undefined : value;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL || undefined;
  if (!url) throw new Error("DATABASE_URL is not set: start the studio with `npm start`, which provides one");
  return url;
}

export function studioUrl(): string {
  return env.STUDIO_URL ?? `http://localhost:${process.env.PORT ?? env.PORT}`;
}
