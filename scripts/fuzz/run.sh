#!/usr/bin/env bash
# usage: npm run fuzz    (no flags: the settings are the environment variables below)
# Property-based fuzzing of the running service against its own /openapi.json (schemathesis).
#
# Starts the Node server over a real socket on a free 127.0.0.1 port (embedded PGlite in a temp
# DATA_DIR, hashing embedder, sample data, no background workers, rate limits raised so 429s do not
# drown everything else: the anonymous run sends made-up keys, which would otherwise block the
# address for a minute), then runs schemathesis (pinned in scripts/fuzz/requirements.txt, installed
# into a cached venv) once per caller: anonymous, agent, expert, admin — admin last, since it may
# delete teams, webhooks and keys. Every operation of the spec is fuzzed; nothing is excluded
# (POST /v1/imports streams its body, but schemathesis sends whole bodies, which it reads as usual).
# Checks on every response: no 5xx, status code documented, content type documented (errors are
# application/problem+json), body conforms to the documented schema; and a method a path does not
# document answers 405 with an Allow header that matches the spec. (Not checked: schemathesis'
# heuristic stateful checks: ensure_resource_availability takes the 404 for a ticket's unknown
# article id as "the ticket just created is missing".)
#
# Bounded: FUZZ_SECONDS_PER_CALLER (default 45) per caller, so about 4 minutes on 2 cores with
# start-up. Prints one line per caller and a closing `fuzz: …` line; exits 1 on any failure.
# Reports and the server log stay in FUZZ_REPORT_DIR (default .cache/fuzz/report).
#
# environment:
#   FUZZ_SECONDS_PER_CALLER=45   time budget per caller
#   FUZZ_SEED=…                  replay a run's generation (each caller line prints its seed)
#   FUZZ_MAX_EXAMPLES=20         examples per operation and pass (passes repeat until the time is spent)
#   FUZZ_VENV=…                  where the Python venv lives (default .cache/fuzz-venv)
#   FUZZ_REPORT_DIR=…            reports and the server log (default .cache/fuzz/report)
#   FUZZ_CALLERS="expert admin"  only these callers, in this order (default: all four)
#   FUZZ_CHECKS=a,b              schemathesis checks instead of the default set (st run --help lists them)
#
# example: FUZZ_SECONDS_PER_CALLER=20 FUZZ_CALLERS="expert admin" npm run fuzz
set -euo pipefail
# --help prints the comment above; any other argument is refused before anything starts.
usage() { sed -n '2,/^set -euo pipefail$/p' "${BASH_SOURCE[0]}" | sed '$d' | sed -E 's/^# ?//'; }
for arg in "$@"; do
  case "$arg" in -h | --help) usage; exit 0 ;; esac
done
if [ $# -gt 0 ]; then
  { echo "fuzz: unknown argument '$1' (the settings are environment variables)"; echo; usage; } >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
root="$(pwd)"

seconds_per_caller="${FUZZ_SECONDS_PER_CALLER:-45}"
max_examples="${FUZZ_MAX_EXAMPLES:-20}"
venv="${FUZZ_VENV:-$root/.cache/fuzz-venv}"
report_dir="${FUZZ_REPORT_DIR:-$root/.cache/fuzz/report}"
read -r -a callers <<< "${FUZZ_CALLERS:-anonymous agent expert admin}"
checks="${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,unsupported_method,allow_header_conformance}"

work="$(mktemp -d)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# --- Python side: schemathesis in a venv, reinstalled only when requirements.txt changes
requirements="$root/scripts/fuzz/requirements.txt"
stamp="$(sha256sum "$requirements" | cut -c1-16)"
if [ "$(cat "$venv/.fuzz-stamp" 2>/dev/null)" != "$stamp" ] || ! "$venv/bin/st" --version >/dev/null 2>&1; then
  echo "fuzz: installing schemathesis into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  # (this machine's pip.conf lists local mirrors that may be absent: their warnings are noise)
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" 2>&1 | { grep -v '^WARNING: Location' || true; }
  echo "$stamp" > "$venv/.fuzz-stamp"
fi
"$venv/bin/st" --version

# --- The service's environment: PGlite only (never the CI's Postgres), nothing fetched
mkdir -p "$report_dir"
rm -f "$report_dir"/*.json "$report_dir"/*.log
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
service_env=(
  -u DATABASE_URL
  DATA_DIR="$work/data" HOST=127.0.0.1 PORT="$port"
  EMBEDDER=hashing SAMPLE_DATA=auto BACKGROUND_WORKERS=false LOG_LEVEL=warn
  API_RATE_LIMIT_PER_MINUTE=1000000 PORTAL_RATE_LIMIT_PER_MINUTE=1000000 AUTH_FAILURE_LIMIT_PER_MINUTE=1000000
)

# Keys first: the embedded database belongs to one process at a time.
declare -A secret
key_ids=()
for role in agent expert admin; do
  created="$(env "${service_env[@]}" npx tsx scripts/keys.ts create --role "$role" --name "fuzz-$role" --json | tail -n 1)"
  secret[$role]="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["secret"])' "$created")"
  key_ids+=("$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["id"])' "$created")")
done

# The browser bundles the service imports (src/browser/generated/, not committed).
node scripts/build-browser.mjs
# One process (node --import tsx), so the trap's SIGTERM reaches the server itself.
env "${service_env[@]}" node --import tsx src/entry/node.ts > "$report_dir/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$base/health" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "fuzz: the server exited on start:"; cat "$report_dir/server.log"; exit 1; }
  sleep 0.5
done
curl -fs -o /dev/null "$base/health" || { echo "fuzz: the server did not answer /health within 60s"; exit 1; }
echo "fuzz: server on $base (PGlite in a temp dir); ${seconds_per_caller}s per caller: ${callers[*]}"

# --- One schemathesis run per caller
seed_args=()
[ -n "${FUZZ_SEED:-}" ] && seed_args=(--seed "$FUZZ_SEED")
for caller in "${callers[@]}"; do
  auth=()
  [ "$caller" != anonymous ] && auth=(-H "Authorization: Bearer ${secret[$caller]}")
  # From $work: schemathesis keeps its caches (.schemathesis/, .hypothesis/) in the working directory.
  (
    cd "$work"
    SCHEMATHESIS_HOOKS="$root/scripts/fuzz/hooks.py" FUZZ_PROTECTED_KEY_IDS="$(IFS=,; echo "${key_ids[*]}")" \
      "$venv/bin/st" run "$base/openapi.json" "${auth[@]}" "${seed_args[@]}" \
      --checks "$checks" \
      --phases examples,coverage,fuzzing,stateful \
      --max-examples "$max_examples" --max-time "$seconds_per_caller" --workers 2 \
      --request-timeout 20 --generation-database none \
      --no-color --output-truncate true \
      --report json --report-json-path "$report_dir/$caller.json"
  ) > "$report_dir/$caller.log" 2>&1 || true
  kill -0 "$server_pid" 2>/dev/null || { echo "fuzz: the server died while fuzzing as $caller:"; tail -n 40 "$report_dir/server.log"; exit 1; }
done

# --- The fuzz keys must have survived (hooks.py keeps the fuzzer from revoking them): a revoked
# key turns the rest of a run into 401s that pass every check while testing nothing.
status=0
for role in agent expert admin; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${secret[$role]}" "$base/v1/articles?limit=1")"
  [ "$code" = 200 ] || { echo "fuzz: the $role key answers $code after the run: its results are not trustworthy"; status=1; }
done

# --- Failures in full (long lines cut), the server's own error lines, then the closing line
for caller in "${callers[@]}"; do
  if grep -q "^=* FAILURES =*$\|^=* ERRORS =*$" "$report_dir/$caller.log" 2>/dev/null; then
    echo
    echo "---- $caller: failures (full log: $report_dir/$caller.log)"
    sed -n '/^=* \(FAILURES\|ERRORS\) =*$/,/^=* SUMMARY =*$/p' "$report_dir/$caller.log" | grep -v '^\s*$' | cut -c1-400
  fi
done
# The service logs JSON lines; anything else on its stderr (node-server's own console.error when
# writing a response fails, an unhandled rejection's stack) is shown too: it explains transport errors.
if grep -q '"level":"error"\|^[^{]' "$report_dir/server.log"; then
  echo
  echo "---- server errors and non-log output (full log: $report_dir/server.log)"
  grep '"level":"error"\|^[^{]' "$report_dir/server.log" | cut -c1-600 | head -n 40
fi
echo
"$venv/bin/python" "$root/scripts/fuzz/summarize.py" "$report_dir" "${callers[@]}" || status=1
exit $status
