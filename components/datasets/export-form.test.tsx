import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderComponent } from "@/test/render-component";
import { ExportForm } from "./export-form";

const formats = [
  { id: "openai", title: "OpenAI chat" },
  { id: "sharegpt", title: "ShareGPT" },
] as const;
const choices = {
  runs: [
    { id: "run-sim", label: "Simulate 2026-01-02 10:00 UTC", detail: "succeeded" },
    { id: "run-imp", label: "Import 2026-01-03 09:00 UTC", detail: "cities.jsonl" },
  ],
  agents: [
    { id: "agent-w", label: "Weather desk", detail: "weather" },
    { id: "agent-t", label: "Travel desk", detail: "travel" },
  ],
};

type Reply = { ok: true; runId: string } | { ok: false; error: string };

/** A stand-in for the start action: records what the form sent and answers with `reply`. */
function fakeStart(reply: Reply) {
  const calls: unknown[] = [];
  const start = async (input: unknown) => {
    calls.push(input);
    return reply;
  };
  return { calls, start };
}

describe("the export form", () => {
  it("starts an export with the defaults, and links to the run it started", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, start } = fakeStart({ ok: true, runId: "run-42" });
    renderComponent(<ExportForm formats={[...formats]} start={start} choices={choices} />);
    await user.click(screen.getByRole("button", { name: "Export" }));
    expect(calls).toEqual([
      { name: "tool-use", format: "openai", filter: { verdict: "accepted", runIds: [], agentIds: [] }, validationFraction: 0, seed: "studio", dedup: false },
    ]);
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Export started.");
    expect(screen.getByRole("link", { name: "Follow it →" }).getAttribute("href")).toBe("/runs/run-42");
  });

  it("sends what was entered: format, verdict, the split as a fraction, the runs and agents picked, the seed and dedup", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, start } = fakeStart({ ok: true, runId: "run-43" });
    renderComponent(<ExportForm formats={[...formats]} start={start} choices={choices} />);
    const name = screen.getByRole("textbox", { name: /Dataset name/ });
    await user.clear(name);
    await user.type(name, "weather-v2");
    await user.selectOptions(screen.getByRole("combobox", { name: "Format" }), "ShareGPT");
    await user.selectOptions(screen.getByRole("combobox", { name: "Effective verdict" }), "any");
    const split = screen.getByRole("spinbutton", { name: /Validation split/ });
    await user.clear(split);
    await user.type(split, "10");
    await user.type(screen.getByRole("searchbox", { name: "Search only these runs" }), "import");
    await user.click(screen.getByRole("checkbox", { name: /Import 2026-01-03/ }));
    await user.click(screen.getByRole("checkbox", { name: /Weather desk/ }));
    const seed = screen.getByRole("textbox", { name: "Split seed" });
    await user.clear(seed);
    await user.type(seed, "s1");
    await user.click(screen.getByRole("checkbox", { name: /Drop duplicate conversations/ }));
    await user.click(screen.getByRole("button", { name: "Export" }));
    expect(calls).toEqual([
      {
        name: "weather-v2",
        format: "sharegpt",
        filter: { verdict: "any", runIds: ["run-imp"], agentIds: ["agent-w"] },
        validationFraction: 0.1,
        seed: "s1",
        dedup: true,
      },
    ]);
  });

  it("shows why an export was refused and keeps what was entered", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, start } = fakeStart({ ok: false, error: "Nothing to export: no trajectory matches" });
    renderComponent(<ExportForm formats={[...formats]} start={start} choices={choices} />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Effective verdict" }), "rejected");
    await user.click(screen.getByRole("button", { name: "Export" }));
    expect(await screen.findByText("Nothing to export: no trajectory matches")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Follow it →" })).toBeNull();
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Effective verdict" }).value).toBe("rejected");
    // the button says "Starting…" until the runs list is refreshed, then offers to try again
    await user.click(await screen.findByRole("button", { name: "Export" }));
    expect(calls).toHaveLength(2);
  });
});
