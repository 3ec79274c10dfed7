import { describe, expect, it } from "vitest";
import { ALLOW_WEAK_ENV, assertCodeCanRun, confinement, probeConfinement, SandboxUnavailableError, sandboxStatus } from "./confinement";
import { runInSandbox } from "./process";

const hello = { files: { "main.cjs": `require("fs").writeSync(3, "ran");` }, entry: "main.cjs" };

describe("sandbox confinement", () => {
  it("this machine runs code under bubblewrap (CI installs it), and status says so", () => {
    expect(confinement()).toMatchObject({ kind: "bubblewrap" });
    expect(sandboxStatus()).toMatchObject({ confinement: "bubblewrap", ready: true, languages: ["javascript", "typescript", "python"] });
  });

  it("without bubblewrap, code is refused with the reason unless an admin accepted the weaker confinement", async () => {
    const missing = probeConfinement({ bwrap: "/nonexistent/bwrap", env: {} });
    expect(missing).toEqual({ kind: "weak", reason: "bubblewrap (bwrap) is not installed", accepted: false });
    expect(sandboxStatus(missing)).toMatchObject({ confinement: "refused", ready: false, languages: [] });
    expect(sandboxStatus(missing).detail).toContain(`${ALLOW_WEAK_ENV}=1`);
    await expect(runInSandbox(hello, missing)).rejects.toThrow(SandboxUnavailableError);
    await expect(runInSandbox(hello, missing)).rejects.toThrow(/bubblewrap \(bwrap\) is not installed/);
    expect(() => assertCodeCanRun(missing)).toThrow(SandboxUnavailableError);
    expect(() => assertCodeCanRun(probeConfinement({ bwrap: "/nonexistent/bwrap", env: { [ALLOW_WEAK_ENV]: "1" } }))).not.toThrow();
    expect(() => assertCodeCanRun()).not.toThrow();
  });

  it("a bubblewrap that cannot create its namespaces counts as missing", () => {
    const broken = probeConfinement({ bwrap: "/bin/false", env: {} });
    expect(broken).toMatchObject({ kind: "weak", accepted: false });
    expect(broken.kind === "weak" && broken.reason).toMatch(/cannot create its namespaces/);
  });

  it("accepted weaker confinement runs JavaScript under Node's permission model and still refuses Python", async () => {
    const accepted = probeConfinement({ bwrap: "/nonexistent/bwrap", env: { [ALLOW_WEAK_ENV]: "1" } });
    expect(sandboxStatus(accepted)).toMatchObject({ confinement: "node-permissions", ready: true, languages: ["javascript", "typescript"] });
    const js = await runInSandbox(hello, accepted);
    expect(js).toMatchObject({ channel: "ran", confinement: "node-permissions" });
    await expect(runInSandbox({ files: { "main.py": "print(1)" }, entry: "main.py", runtime: "python" }, accepted)).rejects.toThrow(
      /Python runs only under bubblewrap/,
    );
  });
});
