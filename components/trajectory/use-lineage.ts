"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { lineageSchema, lineageSettled, type Lineage } from "@/lib/review/lineage-view";

const lineageKey = (trajectoryId: string) => ["lineage", trajectoryId] as const;
const forkRunsKey = (trajectoryId: string) => ["fork-runs", trajectoryId] as const;

/**
 * A trajectory's parent and forks, shared by the Forks panel and the fork
 * form through the query cache: polled while a fork run is under way (one
 * this page started that has made no fork yet, or a fork still simulated or
 * judged), idle otherwise.
 */
export function useLineage(trajectoryId: string, initial?: Lineage) {
  const client = useQueryClient();
  return useQuery({
    queryKey: lineageKey(trajectoryId),
    queryFn: async (): Promise<Lineage> => {
      const runs = client.getQueryData<string[]>(forkRunsKey(trajectoryId)) ?? [];
      const res = await fetch(`/api/trajectories/${encodeURIComponent(trajectoryId)}/lineage?runs=${runs.map(encodeURIComponent).join(",")}`, {
        cache: "no-store",
      });
      if (!res.ok) throw new Error(`Could not load the forks (${res.status})`);
      return lineageSchema.parse(await res.json());
    },
    initialData: initial,
    enabled: true,
    refetchInterval: (q) => (q.state.data && lineageSettled(q.state.data) ? false : 1_500),
  });
}

/** Tells the lineage a fork run was started from this page, so it polls until the run's fork exists and is judged. */
export function useForkStarted(trajectoryId: string) {
  const client = useQueryClient();
  return useCallback(
    (runId: string) => {
      client.setQueryData<string[]>(forkRunsKey(trajectoryId), (runs = []) => [...runs, runId]);
      void client.invalidateQueries({ queryKey: lineageKey(trajectoryId) });
    },
    [client, trajectoryId],
  );
}
