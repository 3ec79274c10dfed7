"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

type StepState = { current: number; setCurrent: (update: number | ((c: number) => number)) => void };

const StepContext = createContext<StepState | null>(null);

/** The trajectory page's current step, shared by the viewer and the panels beside it (fork from here). */
export function StepProvider({ initialStep, children }: { initialStep: number; children: ReactNode }) {
  const [current, setCurrent] = useState(initialStep);
  return <StepContext.Provider value={{ current, setCurrent }}>{children}</StepContext.Provider>;
}

export function useCurrentStep(): StepState {
  const state = useContext(StepContext);
  if (!state) throw new Error("useCurrentStep needs a StepProvider around it");
  return state;
}
