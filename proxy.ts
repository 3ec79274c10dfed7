import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { newNonce, securityHeaders } from "@/lib/security/headers";

// Every request gets a fresh nonce and the security headers (lib/security/headers.ts).
export function proxy(request: NextRequest) {
  const headers = securityHeaders({ nonce: newNonce(), https: env.STUDIO_URL?.startsWith("https:") ?? false, dev: env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // static files carry no script to protect; everything else, API included, gets the headers
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
