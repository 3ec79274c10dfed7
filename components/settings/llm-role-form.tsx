"use client";

import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { PublicRoleConfig } from "@/lib/llm/config";
import { FieldError, FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";

/** An admin's edit of one role's non-secret settings. There is no key field: keys stay in the environment. */
export function LlmRoleForm({ config, save }: { config: PublicRoleConfig; save: FormAction }) {
  const { state, pending, onSubmit } = useActionForm(save);
  const number = (name: keyof PublicRoleConfig, label: string, props: { step?: string; hint?: string } = {}) => (
    <Field label={label} hint={props.hint}>
      <Input name={name} type="number" step={props.step ?? "1"} defaultValue={String(config[name])} />
      <FieldError state={state} name={name} />
    </Field>
  );
  const embedding = config.role === "embedding";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`${config.role} role settings`} data-testid={`llm-role-form-${config.role}`}>
      <input type="hidden" name="role" value={config.role} />
      {/* Keyed by the saved settings: after a save or reset elsewhere the fields show what is stored now. */}
      <fieldset key={JSON.stringify(config)} className="grid grid-cols-1 gap-3 md:grid-cols-4">
        <Field label="Provider">
          <Select name="provider" defaultValue={config.provider}>
            <option value="offline">offline — deterministic, no network</option>
            <option value="openai">openai-compatible — OpenAI, vLLM, Ollama, OpenRouter, Kimi</option>
          </Select>
          <FieldError state={state} name="provider" />
        </Field>
        <Field label="Base URL" hint="An environment key is only ever sent to the base URL it was configured with.">
          <Input name="baseUrl" type="text" defaultValue={config.baseUrl} />
          <FieldError state={state} name="baseUrl" />
        </Field>
        <Field label="Model">
          <Input name="model" type="text" defaultValue={config.model} />
          <FieldError state={state} name="model" />
        </Field>
        {number("temperature", "Temperature", { step: "any" })}
        {number("maxTokens", "Max tokens")}
        {number("concurrency", "Concurrency", { hint: "Calls in flight at once." })}
        {number("requestsPerMinute", "Requests per minute", { hint: "0: no limit." })}
        {number("tokensPerMinute", "Tokens per minute", { hint: "0: no limit." })}
        {number("timeoutMs", "Timeout (ms)")}
        {embedding ? number("batchSize", "Texts per request") : <input type="hidden" name="batchSize" value={config.batchSize} />}
        {embedding ? (
          config.supportsJsonSchema && <input type="hidden" name="supportsJsonSchema" value="on" />
        ) : (
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" name="supportsJsonSchema" defaultChecked={config.supportsJsonSchema} />
            Endpoint supports json_schema output
          </label>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="save" disabled={pending}>
          Save {config.role}
        </Button>
        <Button type="submit" name="intent" value="reset" variant="secondary" disabled={pending}>
          Reset to environment
        </Button>
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
