#!/usr/bin/env bash
# Bundles the Worker exactly as `wrangler deploy` would, offline, without deploying; prints the
# bundle size and fails if Node-only code (PGlite, transformers.js, node-factory, db/client) is in it.
# Usage: scripts/workers/dry-run.sh [outdir]   (default /tmp/worker-dist)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-/tmp/worker-dist}"
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false CLOUDFLARE_API_TOKEN="${CLOUDFLARE_API_TOKEN:-}" \
  NO_UPDATE_NOTIFIER=1 WRANGLER_LOG_PATH="${WRANGLER_LOG_PATH:-/tmp/wrangler-logs}"
rm -rf "$OUT"
npx wrangler deploy --dry-run --outdir "$OUT" --metafile "$OUT/meta.json"
node scripts/workers/check-bundle.mjs "$OUT/meta.json"
