// The security headers every page and route answers with. The script policy
// allows only scripts carrying this request's nonce (Next.js puts it on its
// own scripts when it finds it in the request's Content-Security-Policy), so
// an injected <script> does not run; no page may be framed (clickjacking).

export type SecurityHeaderOptions = { nonce: string; https: boolean; dev: boolean };

export function contentSecurityPolicy({ nonce, dev }: Pick<SecurityHeaderOptions, "nonce" | "dev">): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next.js's nonce-bearing loader add its chunks; eval only for the dev server's hot reload
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes; styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

export function newNonce(): string {
  return btoa(crypto.randomUUID());
}
