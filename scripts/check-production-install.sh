#!/usr/bin/env bash
# The production image without Docker: builds the image's /app in a temporary directory the way the
# Dockerfile does (its final stage's COPY lines, less .dockerignore, on `npm ci --omit=dev`), then
# runs it: role `all` on the embedded database, and roles `web` + `worker` on a fresh PostgreSQL
# database, each taking one submission over HTTP until it is a case (docs/decisions/0024).
#
# Needs: a full `npm ci` in this checkout (its src/db/generated stands in for the image's `client`
# stage), Redis (REDIS_URL, default redis://127.0.0.1:6379), psql, curl, jq, and for the PostgreSQL
# part DATABASE_URL pointing at a database the script may CREATE DATABASE from (unset: skipped).
set -euo pipefail
shopt -s globstar dotglob nullglob
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
ADMIN_URL="${DATABASE_URL:-}"
unset DATABASE_URL

say() { printf 'check-production-install: %s\n' "$*"; }
fail() {
  say "FAILED: $*"
  exit 1
}

TMP="$(mktemp -d "${TMPDIR:-/tmp}/ln-prod-XXXXXX")"
PIDS=()
PG_DB=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$PG_DB" ]; then psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

[ -f "$ROOT/src/db/generated/client.ts" ] || fail "no src/db/generated: run npm ci in $ROOT first"
# The image's `client` stage compiles to dist/; this checkout's dist/ stands in for it, brought up to
# date with the sources first (decision 0043).
node "$ROOT/scripts/build.mjs"

# The build context: this checkout less .dockerignore (Docker matches its patterns from the
# context's root; bash's globstar does the same).
mapfile -t IGNORED < <(grep -v -e '^#' -e '^$' "$ROOT/.dockerignore")
mkdir -p "$TMP/context"
for entry in "$ROOT"/*; do
  name="${entry##*/}"
  skip=""
  for pattern in "${IGNORED[@]}"; do
    # shellcheck disable=SC2053 # the pattern is a glob on purpose
    [[ "$name" == $pattern ]] && skip=1
  done
  [ -n "$skip" ] || cp -R "$entry" "$TMP/context/"
done
for pattern in "${IGNORED[@]}"; do
  # shellcheck disable=SC2086 # the pattern is a glob on purpose
  for hit in "$TMP"/context/$pattern; do rm -rf "$hit"; done
done

# The lines of one stage of the Dockerfile (FROM … AS <name>, or "final" for the last one); each
# instruction is on one line there.
stage_lines() {
  awk -v want="$1" -v total="$(grep -c '^FROM ' "$ROOT/Dockerfile")" '
    /^FROM / { n++; cur = (toupper($(NF - 1)) == "AS") ? $NF : ""; if (n == total && want == "final") cur = want; next }
    cur == want && /^(COPY|RUN) / { print }' "$ROOT/Dockerfile"
}

# Builds a stage into $TMP/stage-<name> (its WORKDIR /app): COPY from the context or from a stage
# built before, RUN in the stage's directory when asked. The `client` stage (a full `npm ci` whose
# postinstall generates the Prisma client) is not rebuilt: this checkout's own `npm ci` ran it.
build_stage() {
  local name=$1 run=$2 dir="$TMP/stage-$1" line args from src dest link
  mkdir -p "$dir"
  while read -r line; do
    args="${line#* }"
    if [[ "$line" == RUN* ]]; then
      [ "$run" = run ] || continue
      say "stage $name: RUN $args"
      (cd "$dir" && npm_config_prefer_offline=true bash -c "$args") >"$TMP/run.log" 2>&1 ||
        { cat "$TMP/run.log"; fail "stage $name: RUN $args"; }
      grep -v '^npm warn' "$TMP/run.log" | sed 's/^/    /' || true
      continue
    fi
    from=""
    if [[ "$args" == --from=* ]]; then
      from="${args%% *}"
      from="${from#--from=}"
      args="${args#* }"
    fi
    read -ra parts <<<"$args"
    dest="${parts[-1]}"
    unset 'parts[-1]'
    for src in "${parts[@]}"; do
      link=()
      if [ -z "$from" ]; then
        src="$TMP/context/$src"
      elif [ "$from" = client ]; then
        src="$ROOT/${src#/app/}"
      else
        src="$TMP/stage-$from/${src#/app/}"
        link=(-l) # hard links: node_modules is large, and both copies live under $TMP
      fi
      if [[ "$dest" == */ ]]; then
        mkdir -p "$dir/$dest" && cp -R "${link[@]}" "$src" "$dir/$dest"
      else
        mkdir -p "$(dirname "$dir/$dest")" && cp -R "${link[@]}" "$src" "$dir/$dest"
      fi
    done
    say "stage $name: COPY ${from:+--from=$from }${parts[*]} $dest"
  done < <(stage_lines "$name")
}

started=$SECONDS
build_stage deps run
say "stage deps: node_modules $(du -sh "$TMP/stage-deps/node_modules" | cut -f1), $((SECONDS - started)) s"
build_stage final copy-only
APP="$TMP/stage-final"

DEV_TOOLS=(prisma typescript tsx esbuild vitest eslint prettier playwright-core)
for tool in "${DEV_TOOLS[@]}"; do
  [ ! -e "$APP/node_modules/$tool" ] || fail "dev dependency $tool is in the production install"
done
[ -z "$(find "$APP" -path "$APP/node_modules" -prune -o -name '*.ts' -print -quit)" ] ||
  fail "TypeScript sources or test files were copied: the image runs dist/"
[ -z "$(find "$APP/dist" -name '*.test.js' -print -quit)" ] || fail "compiled test files were copied"
say "no dev tools (${DEV_TOOLS[*]}), no TypeScript and no test files"

# The image's malloc settings (decision 0107), read from its ENV line.
malloc_env="$(sed -n 's/^ENV \(MALLOC_.*\)$/\1/p' "$ROOT/Dockerfile")"
[ -n "$malloc_env" ] || fail "the Dockerfile sets no MALLOC_ variables (decision 0107)"
cd "$APP"
# shellcheck disable=SC2086 # NAME=value words, split on purpose
export NODE_ENV=production PORT=0 LOG_LEVEL=info REDIS_URL $malloc_env
export QUEUE_PREFIX="prodcheck$$$(date +%s)"

# Starts `node dist/src/main.js <role>` as the image's CMD does; sets APP_PID
# (and APP_URL for a role that serves HTTP) once it is ready.
start_role() {
  local role=$1 log="$TMP/$1.log" since=$SECONDS
  node dist/src/main.js "$role" >"$log" 2>&1 &
  APP_PID=$!
  PIDS+=("$APP_PID")
  for _ in $(seq 1 900); do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$log"; fail "role $role exited at start"; }
    if [ "$role" = worker ]; then
      grep -q '"msg":"ready"' "$log" && say "role $role ready in $((SECONDS - since)) s" && return 0
    else
      APP_URL="$(grep -o 'running at http://[^ "]*' "$log" | head -1 | cut -d' ' -f3 || true)"
      [ -n "$APP_URL" ] && say "role $role ready in $((SECONDS - since)) s at $APP_URL" && return 0
    fi
    sleep 0.1
  done
  cat "$log"
  fail "role $role not ready in 90 s"
}

# One submission over HTTP, then its code until the worker made it a case (kind is set).
submit_and_track() {
  local url=$1 label=$2 id body code
  id="prodcheck-$(date +%s%N)"
  body="$(curl -sS -w '\n%{http_code}' -H 'content-type: application/json' \
    -d "{\"submissionId\":\"$id\",\"channel\":\"api\",\"kind\":\"petition\",\"text\":\"Kiểm tra bản cài đặt sản xuất\",\"unitCode\":\"ta-kkb\"}" \
    "$url/api/submissions")"
  [ "$(tail -1 <<<"$body")" = 202 ] || fail "$label: POST /api/submissions answered $body"
  code="$(head -1 <<<"$body" | jq -r .code)"
  for _ in $(seq 1 600); do
    if [ "$(curl -sS "$url/api/cases/$code" | jq -r .kind)" != null ]; then
      say "$label: POST /api/submissions → 202 $code, and the worker made it a case"
      return 0
    fi
    sleep 0.1
  done
  fail "$label: $code never became a case"
}

stop_all() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}

# --- role all, embedded database (PGlite) in a temporary DATA_DIR.
DATA_DIR="$TMP/data-all" start_role all
submit_and_track "$APP_URL" "embedded (all)"
# The image has no sources to train from a key of: it reads the model its build stored (0116).
grep -q '"origin":"shipped, stored by the build"' "$TMP/all.log" ||
  { grep 'triage model' "$TMP/all.log"; fail "the image did not read the triage model its build stored"; }
say "embedded (all): the triage model in force is the one the build stored, not trained at start"
stop_all

# --- roles web + worker on a fresh PostgreSQL database, seeded with the image's CLI.
if [ -z "$ADMIN_URL" ]; then
  say "DATABASE_URL unset: the PostgreSQL part (web + worker) is skipped"
  exit 0
fi
PG_DB="ln_prodcheck_$$"
psql "$ADMIN_URL" -qc "CREATE DATABASE $PG_DB" >/dev/null
export DATABASE_URL="${ADMIN_URL%/*}/$PG_DB" DATA_DIR="$TMP/data-pg"
ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)"
export ENCRYPTION_KEY
node bin/langnghe.js seed >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log"; fail "langnghe seed"; }
say "PostgreSQL: langnghe seed (bin/langnghe.js) migrated and seeded $PG_DB"
start_role web
WEB_URL=$APP_URL
start_role worker
submit_and_track "$WEB_URL" "PostgreSQL (web + worker)"
stop_all
say "OK in $SECONDS s"
