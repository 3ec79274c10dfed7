// The user simulator's request, as the offline model reads it back: the
// reply's format name and the line of its prompt that states the hidden goal.

export const USER_TURN_FORMAT = "user_turn";
export const GOAL_LINE = "Your goal, which the assistant does not know: ";
