// The task writer's request, as the offline model reads it back: the reply's
// format name and the headings of the tool list and of the task type (which
// names the tools the task needs). Kept apart so the offline provider can
// read the prompt without loading the synthesis stage.

export const TASK_FORMAT = "task";
export const TOOLS_HEADING = "Its tools:";
export const TASK_TYPE_HEADING = "Task type:";
