/**
 * How a step is named on screen: counted from 1, so a trajectory of 14 steps
 * runs from step 1 to step 14. Indexes (data-step, ?step=, stored citations)
 * stay 0-based; only what a person reads goes through here.
 */
export function stepNumber(index: number): number {
  return index + 1;
}
