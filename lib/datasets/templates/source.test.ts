import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchModelTemplate, fromTokenizerConfig, loadChatTemplate, TemplateSourceError, type TemplateSourceErrorCode } from "./source";
import { templateFile } from "./testing/chats";

async function sourceError(p: Promise<unknown>): Promise<{ code: TemplateSourceErrorCode; message: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof TemplateSourceError)) throw new Error(`expected a TemplateSourceError, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

describe("chat template sources", () => {
  // a hub speaking the `/{model}/resolve/main/{file}` paths, as the studio fetches them
  let hub: Server;
  let endpoint: string;
  const seen: { url: string; auth?: string }[] = [];
  beforeAll(async () => {
    const files: Record<string, { status: number; body: string }> = {
      "/acme/tiny-chat/resolve/main/tokenizer_config.json": {
        status: 200,
        body: JSON.stringify({
          chat_template: "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}",
          bos_token: { content: "<s>" },
          eos_token: "</s>",
        }),
      },
      "/acme/split-files/resolve/main/tokenizer_config.json": { status: 200, body: JSON.stringify({ eos_token: "<|end|>" }) },
      "/acme/split-files/resolve/main/chat_template.jinja": { status: 200, body: "{% for m in messages %}{{ m.content }}{{ eos_token }}{% endfor %}" },
      "/acme/gated/resolve/main/tokenizer_config.json": { status: 401, body: "unauthorized" },
    };
    hub = createServer((req, res) => {
      seen.push({ url: req.url ?? "", auth: req.headers.authorization });
      const f = files[req.url ?? ""] ?? { status: 404, body: "not found" };
      res.writeHead(f.status).end(f.body);
    });
    await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => hub.close(() => resolve())));

  it("a model id is fetched from the hub with its special tokens, and a token is sent when given", async () => {
    const t = await fetchModelTemplate("acme/tiny-chat", { endpoint, token: "hf_test" });
    expect(t).toMatchObject({ name: "acme/tiny-chat", specialTokens: { bos_token: "<s>", eos_token: "</s>" } });
    expect(t.templates.default).toContain("bos_token");
    expect(seen.at(-1)).toEqual({ url: "/acme/tiny-chat/resolve/main/tokenizer_config.json", auth: "Bearer hf_test" });
  });

  it("a model whose template is a separate chat_template.jinja is read from both files", async () => {
    const t = await fetchModelTemplate("acme/split-files", { endpoint });
    expect(t.templates.default).toContain("eos_token");
    expect(t.specialTokens).toEqual({ eos_token: "<|end|>" });
  });

  it("an unknown model, a gated one and an unreachable hub are told apart", async () => {
    expect((await sourceError(fetchModelTemplate("acme/missing", { endpoint }))).code).toBe("not-found");
    expect((await sourceError(fetchModelTemplate("acme/gated", { endpoint }))).code).toBe("unauthorized");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await sourceError(fetchModelTemplate("acme/tiny-chat", { endpoint: `http://127.0.0.1:${port}` }));
    expect(offline.code).toBe("offline");
    expect(offline.message).toMatch(/give the template as a \.jinja file or the model's tokenizer_config\.json/);
  });

  it("a path that is neither a file nor a model id is not found, without any fetch", async () => {
    const before = seen.length;
    expect(await sourceError(loadChatTemplate("./no/such/template.jinja"))).toMatchObject({
      code: "not-found",
      message: "No such file: ./no/such/template.jinja",
    });
    expect(seen.length).toBe(before);
  });

  it("a tokenizer config file is read with its named templates and AddedToken special tokens", async () => {
    const t = await loadChatTemplate(templateFile("tokenizer_config.json"));
    expect(Object.keys(t.templates)).toEqual(["default"]);
    expect(t.specialTokens).toEqual({ bos_token: "<s>", eos_token: "</s>" });
  });

  it("a tokenizer config without a chat template is refused", () => {
    expect(() => fromTokenizerConfig("tokenizer_config.json", { eos_token: "</s>" })).toThrow(
      expect.objectContaining({ code: "invalid", message: "tokenizer_config.json has no chat_template" }),
    );
  });
});
