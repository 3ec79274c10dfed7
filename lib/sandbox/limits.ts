import { z } from "zod";

export const sandboxLimitsSchema = z.object({
  /** wall-clock time before the process is killed */
  wallMs: z.number().int().min(100).max(600_000).default(10_000),
  /** CPU seconds (RLIMIT_CPU), kills a busy loop even when the machine is slow */
  cpuSeconds: z.number().int().min(1).max(600).default(5),
  /** V8 heap limit and, measured as resident memory, the whole process's limit */
  memoryMb: z.number().int().min(16).max(8192).default(128),
  /** stdout + stderr kept; a process printing more is killed */
  outputBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
});
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type SandboxLimitsInput = z.input<typeof sandboxLimitsSchema>;
