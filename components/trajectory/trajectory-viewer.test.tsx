import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { stepMarks } from "@/lib/review/steps";
import { viewSteps } from "@/lib/review/viewer";
import { trajectoryDocSchema } from "@/lib/trajectory/types";
import { renderComponent } from "@/test/render-component";
import { StepProvider } from "./step-context";
import { TrajectoryViewer } from "./trajectory-viewer";

// Five steps: the question, a tool call, its result, a second call and the answer.
const doc = trajectoryDocSchema.parse({
  tools: [{ name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
  messages: [
    { role: "user", content: "Weather in Paris and Rome?" },
    { role: "assistant", toolCalls: [{ id: "c1", name: "get_weather", arguments: { city: "Paris" } }] },
    { role: "tool", toolCallId: "c1", toolName: "get_weather", content: '{"temp": 18}' },
    { role: "assistant", toolCalls: [{ id: "c2", name: "get_weather", arguments: { city: "Rome" } }] },
    { role: "assistant", content: "Paris 18 °C, Rome unknown." },
  ],
});

function renderViewer(initialStep = 0) {
  const marks = { ...stepMarks(doc.messages), citations: [], annotated: [] };
  return renderComponent(
    <StepProvider initialStep={initialStep}>
      <TrajectoryViewer steps={viewSteps(doc.messages, doc.tools)} marks={marks} citations={{}} />
    </StepProvider>,
  );
}

const position = () => screen.getByTestId("step-position").textContent;
const currentStep = () => screen.getByTestId("trajectory-viewer").getAttribute("data-current-step");

describe("the trajectory viewer's stepping", () => {
  it("counts steps from 1 and moves with the previous and next buttons, stopping at either end", async () => {
    const user = userEvent.setup({ delay: null });
    renderViewer();
    expect(position()).toBe("Step 1 of 5");
    const previous = screen.getByRole<HTMLButtonElement>("button", { name: "Previous step (k)" });
    const next = screen.getByRole<HTMLButtonElement>("button", { name: "Next step (j)" });
    expect(previous.disabled).toBe(true);

    await user.click(next);
    await user.click(next);
    expect(position()).toBe("Step 3 of 5");
    expect(currentStep()).toBe("2");
    await user.click(previous);
    expect(position()).toBe("Step 2 of 5");

    for (let i = 0; i < 5; i++) if (!next.disabled) await user.click(next);
    expect(position()).toBe("Step 5 of 5");
    expect(next.disabled).toBe(true);
    expect(screen.getByTestId("play").textContent).toBe("Replay");
  });

  it("moves with j and k, the arrows, Home and End, and jumps to the next tool call with t (back with T)", async () => {
    const user = userEvent.setup({ delay: null });
    renderViewer();
    await user.keyboard("j");
    expect(position()).toBe("Step 2 of 5");
    await user.keyboard("{ArrowDown}{ArrowRight}");
    expect(position()).toBe("Step 4 of 5");
    await user.keyboard("k");
    expect(position()).toBe("Step 3 of 5");
    await user.keyboard("{End}");
    expect(position()).toBe("Step 5 of 5");
    await user.keyboard("{Home}");
    expect(position()).toBe("Step 1 of 5");

    await user.keyboard("t");
    expect(position()).toBe("Step 2 of 5");
    await user.keyboard("t");
    expect(position()).toBe("Step 4 of 5");
    await user.keyboard("T");
    expect(position()).toBe("Step 2 of 5");
  });

  it("leaves the keys alone while someone types in a field", async () => {
    const user = userEvent.setup({ delay: null });
    renderViewer(1);
    const speed = screen.getByRole("combobox", { name: "Replay speed (steps per second)" });
    speed.focus();
    await user.keyboard("j");
    expect(position()).toBe("Step 2 of 5");
  });

  it("moves to the step picked on the scrubber, and marks it as the current step", () => {
    renderViewer();
    fireEvent.change(screen.getByRole("slider", { name: "Scrub through the steps" }), { target: { value: "3" } });
    expect(position()).toBe("Step 4 of 5");
    const current = screen.getAllByTestId("step").filter((s) => s.getAttribute("aria-current") === "step");
    expect(current).toHaveLength(1);
    expect(current[0]?.textContent).toContain("Rome");
  });
});
