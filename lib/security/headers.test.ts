import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./headers";

// The headers proxy.ts sends with every page and route (e2e checks them on the built studio).

describe("security headers", () => {
  it("scripts run only with this request's nonce, never inline or from elsewhere, and no page can be framed", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(script).toContain("'nonce-abc123'");
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it("the dev server's hot reload may eval; a production studio may not", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", dev: false })).not.toContain("'unsafe-eval'");
  });

  it("sends nosniff, same-origin referrers and no framing; HSTS only when the studio is served over https", () => {
    const plain = securityHeaders({ nonce: "n", https: false, dev: false });
    expect(plain).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" });
    expect(plain).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ nonce: "n", https: true, dev: false })["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("each request gets a nonce of its own", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/=]{24,}$/);
  });
});
