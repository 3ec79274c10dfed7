import { z } from "zod";

export const sandboxLimitsSchema = z.object({
  /** wall-clock time before the process is killed */
  wallMs: z.number().int().min(100).max(600_000).default(10_000),
  /** CPU seconds (RLIMIT_CPU), kills a busy loop even when the machine is slow */
  cpuSeconds: z.number().int().min(1).max(600).default(5),
  /** V8 heap and data limit for Node, address space for Python, and, measured as resident memory, the whole process tree's limit */
  memoryMb: z.number().int().min(16).max(8192).default(128),
  /** stdout + stderr kept; a process printing more is killed */
  outputBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(256 * 1024),
  /** processes and threads inside the sandbox (RLIMIT_NPROC, under bubblewrap); Node alone uses about 10 */
  processes: z.number().int().min(16).max(1024).default(64),
  /** the scratch tmpfs's size and the largest file (RLIMIT_FSIZE), under bubblewrap */
  fileMb: z.number().int().min(1).max(1024).default(16),
});
export type SandboxLimits = z.infer<typeof sandboxLimitsSchema>;
export type SandboxLimitsInput = z.input<typeof sandboxLimitsSchema>;
