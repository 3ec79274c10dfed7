import type http from "node:http";

// The Batch API of the local OpenAI-compatible test server: /v1/files (upload
// and content) and /v1/batches (create and retrieve), as OpenAI speaks them.
// Each line of a batch is answered like a single chat request would be (the
// server's `answer`); a batch completes when it is next retrieved, unless the
// test holds batches back.

/** A line's answer: a completion, or an HTTP status and error (it goes to the error file). */
export type LineAnswer = { ok: true; body: unknown } | { ok: false; status: number; message: string; code: string | null };

export type BatchApiControl = {
  /** While true, created batches stay in_progress (a run can be stopped mid-batch). */
  hold: boolean;
  /** Batches created, in order, with the custom ids they held. */
  created: { id: string; customIds: string[] }[];
  /** Polls (GET /v1/batches/:id) answered. */
  retrieved: number;
  /** A line this picks goes to the error file with the reason it returns (a 400, as a request the endpoint refuses). */
  failLine: ((body: Record<string, unknown>) => string | null) | null;
};

type Batch = {
  id: string;
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
  created_at: number;
};

type InputLine = { custom_id: string; method: string; url: string; body: Record<string, unknown> };

/** The file part of a multipart/form-data upload (the only one the OpenAI client sends with `purpose`). */
function multipartFields(raw: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields = new Map<string, string>();
  if (!boundary) return fields;
  const text = raw.toString("utf8");
  for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const name = /name="([^"]+)"/.exec(part.slice(0, split));
    if (name) fields.set(name[1], part.slice(split + 4).replace(/\r\n$/, ""));
  }
  return fields;
}

async function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

export function createBatchApi(answer: (body: Record<string, unknown>) => LineAnswer) {
  const files = new Map<string, string>();
  const batches = new Map<string, Batch>();
  const control: BatchApiControl = { hold: false, created: [], retrieved: 0, failLine: null };
  let next = 0;
  const id = (prefix: string) => `${prefix}_${(++next).toString(36).padStart(6, "0")}`;

  function run(batch: Batch) {
    const input = files.get(batch.input_file_id) ?? "";
    const out: string[] = [];
    const errors: string[] = [];
    for (const text of input.split("\n")) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as InputLine;
      const refused = control.failLine?.(line.body);
      const a: LineAnswer = refused ? { ok: false, status: 400, message: refused, code: "invalid_request" } : answer(line.body);
      const request_id = id("req");
      if (a.ok)
        out.push(JSON.stringify({ id: id("batch_req"), custom_id: line.custom_id, response: { status_code: 200, request_id, body: a.body }, error: null }));
      else
        errors.push(
          JSON.stringify({
            id: id("batch_req"),
            custom_id: line.custom_id,
            response: { status_code: a.status, request_id, body: { error: { message: a.message, type: "invalid_request_error", code: a.code } } },
            error: null,
          }),
        );
    }
    const file = (lines: string[]) => {
      if (!lines.length) return null;
      const fileId = id("file");
      files.set(fileId, lines.join("\n") + "\n");
      return fileId;
    };
    batch.output_file_id = file(out);
    batch.error_file_id = file(errors);
    batch.request_counts = { total: out.length + errors.length, completed: out.length, failed: errors.length };
    batch.status = "completed";
  }

  /** Answers a Batch API request; false when the path is not one. */
  async function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
    const parts = path.replace(/^.*\/v1\//, "").split("/");
    if (req.method === "POST" && path.endsWith("/files")) {
      const fields = multipartFields(await readRaw(req), req.headers["content-type"] ?? "");
      const content = fields.get("file");
      if (content === undefined || fields.get("purpose") !== "batch")
        return (json(res, 400, { error: { message: "a file with purpose batch is required", code: null } }), true);
      const fileId = id("file");
      files.set(fileId, content);
      json(res, 200, {
        id: fileId,
        object: "file",
        bytes: Buffer.byteLength(content),
        created_at: Math.floor(Date.now() / 1000),
        filename: "batch.jsonl",
        purpose: "batch",
      });
      return true;
    }
    if (req.method === "GET" && parts[0] === "files" && parts[2] === "content") {
      const content = files.get(parts[1]);
      if (content === undefined) json(res, 404, { error: { message: `no file ${parts[1]}`, code: null } });
      else res.writeHead(200, { "content-type": "application/octet-stream" }).end(content);
      return true;
    }
    if (req.method === "POST" && path.endsWith("/batches")) {
      const body = JSON.parse((await readRaw(req)).toString("utf8") || "{}") as Record<string, unknown>;
      const input = files.get(String(body.input_file_id));
      if (input === undefined || body.endpoint !== "/v1/chat/completions")
        return (json(res, 400, { error: { message: "unknown input file or endpoint", code: null } }), true);
      const batch: Batch = {
        id: id("batch"),
        input_file_id: String(body.input_file_id),
        endpoint: String(body.endpoint),
        completion_window: String(body.completion_window),
        status: "validating",
        output_file_id: null,
        error_file_id: null,
        request_counts: { total: 0, completed: 0, failed: 0 },
        created_at: Math.floor(Date.now() / 1000),
      };
      batches.set(batch.id, batch);
      const customIds = input
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as InputLine).custom_id);
      control.created.push({ id: batch.id, customIds });
      json(res, 200, { object: "batch", ...batch });
      return true;
    }
    if (req.method === "GET" && parts[0] === "batches" && parts[1]) {
      const batch = batches.get(parts[1]);
      if (!batch) return (json(res, 404, { error: { message: `no batch ${parts[1]}`, code: null } }), true);
      control.retrieved++;
      if (batch.status !== "completed") {
        if (control.hold) batch.status = "in_progress";
        else run(batch);
      }
      json(res, 200, { object: "batch", ...batch });
      return true;
    }
    return false;
  }

  return { control, handle };
}
