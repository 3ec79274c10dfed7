// The role each server action and route handler needs, in one place.
// test/access-control.test.ts calls every entry point as signed out, viewer,
// reviewer and admin and checks that exactly the roles from this level up get
// past the guard. An entry point missing here fails that test: add it with the
// role it should need.

/** "public" is open to visitors on purpose (signing in, the first admin). */
export type Needs = "public" | "viewer" | "reviewer" | "admin";

/**
 * One call of an entry point. For an action, `args` are its arguments; for a
 * route handler, `url` is the request's path and query and `params` its
 * dynamic segments. Without them the call carries nothing usable, which the
 * guard must refuse before it looks at the input.
 */
export type Case = { needs: Needs; args?: unknown[]; url?: string; params?: Record<string, string> };

export const ACCESS: Record<string, Needs | Case[]> = {
  "app/(studio)/actions.ts#signOutAction": "public",
  "app/setup/actions.ts#createFirstAdminAction": "public",
  "app/sign-in/actions.ts#signInAction": "public",

  "app/(studio)/agents/actions.ts#startToolSynthesisAction": "admin",
  "app/(studio)/agents/actions.ts#estimateToolSynthesisAction": "admin",
  "app/(studio)/agents/actions.ts#startAgentSynthesisAction": "admin",
  "app/(studio)/agents/actions.ts#estimateAgentSynthesisAction": "admin",
  "app/(studio)/calibration/actions.ts#startJudgeRunAction": "admin",
  "app/(studio)/categories/actions.ts#startClusterAction": "admin",
  "app/(studio)/datasets/actions.ts#startExportAction": "admin",
  "app/(studio)/datasets/actions.ts#previewRecordAction": "viewer",
  "app/(studio)/datasets/actions.ts#exportPreferencesAction": "admin",
  "app/(studio)/review/actions.ts#createQueueAction": "reviewer",
  "app/(studio)/review/actions.ts#startReviewingAction": "reviewer",
  "app/(studio)/review/actions.ts#labelInQueueAction": "reviewer",
  "app/(studio)/review/actions.ts#skipItemAction": "reviewer",
  "app/(studio)/review/adjudication-actions.ts#adjudicateAction": "admin",
  "app/(studio)/review/queue-reviewer-actions.ts#assignReviewersAction": "admin",
  "app/(studio)/review/queue-reviewer-actions.ts#unassignReviewerAction": "admin",
  "app/(studio)/review/scores/actions.ts#createScoreConfigAction": "admin",
  "app/(studio)/review/scores/actions.ts#archiveScoreConfigAction": "admin",
  "app/(studio)/runs/actions.ts#startTrialRunAction": "admin",
  "app/(studio)/runs/actions.ts#cancelRunAction": "admin",
  "app/(studio)/runs/actions.ts#retryFailedItemsAction": "admin",
  "app/(studio)/runs/actions.ts#setRunBudgetAction": "admin",
  "app/(studio)/runs/actions.ts#deleteRunOutputsAction": "admin",
  "app/(studio)/settings/actions.ts#addUserAction": "admin",
  "app/(studio)/settings/budget-actions.ts#saveDailyBudgetAction": "admin",
  "app/(studio)/settings/user-actions.ts#setUserRoleAction": "admin",
  "app/(studio)/settings/user-actions.ts#setUserActiveAction": "admin",
  "app/(studio)/settings/user-actions.ts#resetPasswordAction": "admin",
  "app/(studio)/settings/user-actions.ts#revokeSessionAction": "admin",
  "app/(studio)/settings/llm-actions.ts#saveRoleAction": "admin",
  "app/(studio)/settings/llm-actions.ts#savePriceAction": "admin",
  "app/(studio)/settings/llm-actions.ts#testConnectionAction": "admin",
  "app/(studio)/sources/actions.ts#addSourceAction": "admin",
  "app/(studio)/sources/actions.ts#uploadToolFileAction": "admin",
  "app/(studio)/sources/actions.ts#importServerListAction": "admin",
  "app/(studio)/sources/actions.ts#testSourceAction": "admin",
  "app/(studio)/sources/actions.ts#harvestAction": "admin",
  "app/(studio)/sources/actions.ts#updateSourceAction": "admin",
  "app/(studio)/sources/actions.ts#setSourceDisabledAction": "admin",
  "app/(studio)/sources/actions.ts#deleteSourceAction": "admin",
  "app/(studio)/tasks/actions.ts#startTaskSynthesisAction": "admin",
  "app/(studio)/tasks/actions.ts#estimateTaskSynthesisAction": "admin",
  "app/(studio)/tasks/actions.ts#startSimulationAction": "admin",
  "app/(studio)/tools/[id]/actions.ts#overruleQualityAction": "admin",
  "app/(studio)/tools/actions.ts#startQualityAction": "admin",
  "app/(studio)/tools/actions.ts#startEmbedAction": "admin",
  "app/(studio)/trajectories/[id]/actions.ts#labelTrajectoryAction": "reviewer",
  "app/(studio)/trajectories/[id]/actions.ts#startForkAction": "admin",
  "app/(studio)/trajectories/[id]/actions.ts#annotateStepAction": "reviewer",
  "app/(studio)/trajectories/[id]/correction-actions.ts#correctTrajectoryAction": "reviewer",
  "app/(studio)/trajectories/compare/actions.ts#recordPreferenceAction": "reviewer",
  // reviewers label a selection; re-judging and exporting it are the admin's
  "app/(studio)/trajectories/actions.ts#bulkAction": [
    { needs: "reviewer" },
    { needs: "reviewer", args: [{ action: "tag", ids: ["no-such-trajectory"], tag: "checked" }] },
    { needs: "admin", args: [{ action: "rejudge", ids: ["no-such-trajectory"] }] },
    { needs: "admin", args: [{ action: "export", ids: ["no-such-trajectory"], name: "access-check", format: "openai" }] },
  ],
  "app/(studio)/trajectories/actions.ts#saveViewAction": "viewer",
  "app/(studio)/trajectories/actions.ts#deleteViewAction": "viewer",

  "app/api/auth/[...all]/route.ts#GET": [{ needs: "public", url: "/api/auth/get-session" }],
  "app/api/auth/[...all]/route.ts#POST": [{ needs: "public", url: "/api/auth/sign-out" }],
  "app/api/datasets/[id]/[file]/route.ts#GET": [{ needs: "viewer", params: { id: "no-such-dataset", file: "train.jsonl" } }],
  "app/api/datasets/import/route.ts#POST": "admin",
  "app/api/runs/route.ts#GET": "viewer",
  "app/api/trajectories/[id]/route.ts#GET": [{ needs: "viewer", params: { id: "no-such-trajectory" } }],
  "app/api/trajectories/[id]/lineage/route.ts#GET": [{ needs: "viewer", params: { id: "no-such-trajectory" } }],
};
