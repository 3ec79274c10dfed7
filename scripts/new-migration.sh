#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the
# database from the schema at the last commit to prisma/schema.prisma as it is now.
# Prisma 7's CLI needs a schema-engine binary it downloads; Prisma 6.19's CLI has a
# WebAssembly engine that diffs offline, so this script runs that one in a temp folder.
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <name>}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${PRISMA6_DIR:-/tmp/prisma6-diff}
if [ ! -x "$tmp/node_modules/.bin/prisma" ]; then
  mkdir -p "$tmp" && cd "$tmp"
  echo '{"name":"prisma6-diff","private":true}' > package.json
  npm install -E --silent prisma@6.19.0 @prisma/adapter-pg@6.19.0 @prisma/client@6.19.0 pg >/dev/null
fi
# The WebAssembly engine opens a connection even for a schema-to-schema diff; any
# reachable PostgreSQL will do (nothing is written): DATABASE_URL, else the
# studio's embedded one, else a local server.
url=${DATABASE_URL:-$(cat "$root/.data/pg-url" 2>/dev/null || echo postgresql://postgres@127.0.0.1:5432/postgres)}
cd "$tmp"
cat > prisma.config.ts <<'CFG'
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "new.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL }),
} as never);
CFG
to6() { sed -e 's/"prisma-client"/"prisma-client-js"/' -e '/^  output /d' -e '/moduleFormat/d' \
  -e 's|^  provider = "postgresql"|  provider = "postgresql"\n  url = "postgresql://unused@127.0.0.1/unused"|'; }
to6 < "$root/prisma/schema.prisma" > new.prisma
if git -C "$root" cat-file -e HEAD:prisma/schema.prisma 2>/dev/null; then
  git -C "$root" show HEAD:prisma/schema.prisma | to6 > old.prisma
  from=(--from-schema-datamodel old.prisma)
else
  from=(--from-empty)
fi
dir="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
DIFF_DATABASE_URL=$url PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_SCHEMA_ENGINE_BINARY=/bin/true \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel new.prisma --script | grep -v "^Loaded Prisma config" > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
