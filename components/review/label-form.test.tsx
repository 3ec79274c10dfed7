import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { LabelInput } from "@/lib/review/label";
import type { ScoreConfigView } from "@/lib/review/score-config-schema";
import { renderComponent } from "@/test/render-component";
import type { Result } from "@/lib/actions/result";
import { LabelForm } from "./label-form";

const criteria = [
  { id: "c1", text: "Calls the weather tool for each city" },
  { id: "c2", text: "Answers in Celsius" },
];
const failureMode: ScoreConfigView = {
  id: "cfg-failure",
  name: "Failure mode",
  description: "",
  kind: "categorical",
  scope: "trajectory",
  options: ["wrong tool", "gave up"],
  multiple: false,
  min: null,
  max: null,
};

/** A stand-in for the server action: records what the form sent and answers with `reply`. */
function fakeAction(reply: Result = { ok: true }) {
  const calls: LabelInput[] = [];
  const action = async (input: LabelInput) => {
    calls.push(input);
    return reply;
  };
  return { calls, action };
}

function renderForm(action: (input: LabelInput) => Promise<Result>, extra: Partial<Parameters<typeof LabelForm>[0]> = {}) {
  return renderComponent(
    <LabelForm
      trajectoryId="traj-1"
      queueId="queue-1"
      basedOnReviewId="review-0"
      criteria={criteria}
      configs={[failureMode]}
      tags={["flaky", "weather"]}
      judgeVerdict="accepted"
      action={action}
      {...extra}
    />,
  );
}

describe("the label form", () => {
  it("asks for a verdict before it sends anything", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, action } = fakeAction();
    renderForm(action);
    await user.click(screen.getByRole("button", { name: "Save review" }));
    expect(screen.getByText("Choose accept or reject first")).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("sends the verdict, criterion scores, answers, note and tags, with the tags deleted from the box to take off", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, action } = fakeAction();
    renderForm(action);
    await user.click(screen.getByTestId("label-rejected"));
    expect(screen.getByText("This overrides the judge, who accepted it.")).toBeTruthy();
    await user.selectOptions(screen.getByRole("combobox", { name: "Score for Calls the weather tool for each city" }), "partly met");
    await user.click(screen.getByRole("button", { name: /gave up/ }));
    await user.type(screen.getByRole("textbox", { name: "Note" }), "Rome was never answered.");
    const tags = screen.getByRole("textbox", { name: /Tags/ });
    await user.clear(tags);
    await user.type(tags, "weather, incomplete incomplete");
    await user.click(screen.getByRole("button", { name: "Save review" }));

    expect(calls).toEqual([
      {
        trajectoryId: "traj-1",
        queueId: "queue-1",
        basedOnReviewId: "review-0",
        verdict: "rejected",
        criteria: { c1: 0.5 },
        scores: [{ configId: "cfg-failure", value: "gave up" }],
        note: "Rome was never answered.",
        tags: ["weather", "incomplete"],
        removeTags: ["flaky"],
      },
    ]);
    expect((await screen.findByRole("status")).textContent).toBe("Saved.");
  });

  it("takes a and r for the verdict and digits for the answers, then Enter saves", async () => {
    const user = userEvent.setup({ delay: null });
    const { calls, action } = fakeAction();
    renderForm(action, { configs: [failureMode], tags: [] });
    await user.keyboard("r");
    expect(screen.getByTestId("label-rejected").getAttribute("aria-pressed")).toBe("true");
    await user.keyboard("a");
    expect(screen.getByTestId("label-accepted").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("label-rejected").getAttribute("aria-pressed")).toBe("false");
    await user.keyboard("1");
    // choosing a verdict puts the focus on Save: Enter sends the review
    await user.keyboard("{Enter}");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ verdict: "accepted", scores: [{ configId: "cfg-failure", value: "wrong tool" }], tags: [], removeTags: [] });
  });

  it("shows a refusal, and offers to reload the reviews when someone reviewed in between", async () => {
    const user = userEvent.setup({ delay: null });
    const { action } = fakeAction({ ok: false, error: "Someone reviewed this trajectory since you opened it", conflict: true });
    const { router } = renderForm(action);
    await user.click(screen.getByTestId("label-accepted"));
    await user.click(screen.getByRole("button", { name: "Save review" }));
    expect(await screen.findByText("Someone reviewed this trajectory since you opened it")).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Reload the reviews" }));
    expect(router.refreshed).toBe(1);
  });
});
