"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import type { ServerListText } from "@/lib/catalog/source-inputs";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";

const EXAMPLE = `{
  "mcpServers": {
    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/data"] },
    "remote": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer …" } }
  }
}`;

/** Pastes the server list Claude Desktop, Cursor or VS Code keep; every server becomes a source and is harvested. */
export function ImportServersForm({ importList }: { importList: (input: ServerListText) => Promise<StageActionResult> }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  const [text, setText] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => setResult(await importList({ text })));
      }}
      className="space-y-3"
      data-testid="import-servers-form"
    >
      <Field
        label="Server configuration"
        hint="claude_desktop_config.json or Cursor's mcp.json (mcpServers), or VS Code's mcp.json (servers). Each server is checked like any source, added and harvested."
      >
        <Textarea name="servers" value={text} onChange={(e) => setText(e.target.value)} rows={8} placeholder={EXAMPLE} className="text-xs" required />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Adding…" : "Add and harvest"}
        </Button>
        <ActionFeedback result={result} />
      </div>
    </form>
  );
}
