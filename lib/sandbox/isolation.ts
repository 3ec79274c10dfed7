import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// For the weaker confinement only (no bubblewrap, accepted by an admin; see
// confinement.ts). Node 24's permission model confines files, child processes
// and workers but not the network. Where the kernel lets us, the sandboxed process gets an
// empty network namespace (no interfaces at all); everywhere, a preloaded
// guard also replaces every socket entry point (see net-guard.ts).

export type NetworkIsolation = { kind: "namespace"; prefix: string[] } | { kind: "guard"; prefix: [] };

let cached: NetworkIsolation | null = null;

function findOnPath(name: string): string | null {
  for (const dir of ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/** Probes once per process which network isolation this machine allows. */
export function networkIsolation(): NetworkIsolation {
  if (cached) return cached;
  cached = { kind: "guard", prefix: [] };
  const unshare = process.platform === "linux" ? findOnPath("unshare") : null;
  if (unshare) {
    // root can unshare the network directly; others need a user namespace first
    for (const flags of [["-n"], ["-r", "-n"]]) {
      const probe = spawnSync(unshare, [...flags, "--", "/bin/true"], { timeout: 5_000, stdio: "ignore" });
      if (probe.status === 0) {
        cached = { kind: "namespace", prefix: [unshare, ...flags, "--"] };
        break;
      }
    }
  }
  return cached;
}
