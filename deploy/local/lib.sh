# shellcheck shell=bash disable=SC2034  # the settings below are read by the scripts that source this file
# The local stack's shared parts: which processes it runs, how each is started, found, checked and stopped.
# Sourced by deploy/local/{up,down,status,demo}.
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_PORT=9092
API_PORT=8080
WORKER_BASE_PORT=8090             # worker i answers health on WORKER_BASE_PORT + i
LOCAL_DB=geopera
LOCAL_ENV="$GEOPERA_HOME/local.env"
STARTED_FILE="$RUN_DIR/local-stack.started"   # infrastructure that `up` started (so `down` stops only that)
WANTED_WORKERS_FILE="$RUN_DIR/workers.wanted"  # how many workers the last `up` was asked for (0 = api only)
API_JAR="$GEOPERA_ROOT/api/target/quarkus-app/quarkus-run.jar"
WORKER_JAR="$GEOPERA_ROOT/worker/target/quarkus-app/quarkus-run.jar"
GEOPERA_URL="http://127.0.0.1:$API_PORT"
# Heap sizes; GDAL's own cache lives outside the Java heap. The api: a fixed heap, half of it young, and the
# parallel collector: its request garbage dies young, so collections are rare and short (docs/BENCHMARKS.md, API).
# api/bench/run starts the api with these flags too.
API_JAVA_OPTS="${GEOPERA_API_JAVA_OPTS:--Xms768m -Xmx768m -Xmn384m -XX:+UseParallelGC}"
WORKER_JAVA_OPTS="${GEOPERA_WORKER_JAVA_OPTS:--Xmx1g}"
HEALTH_TIMEOUT_SECONDS="${GEOPERA_HEALTH_TIMEOUT_SECONDS:-180}"

app_pid_file() { echo "$RUN_DIR/$1.pid"; }              # api | worker-<i>
app_log_file() { echo "$LOG_DIR/$1.log"; }
# Each app JVM carries -Dlocalstack.name=<name>; its command line is how we recognise it behind a pid.
app_match() { echo "-Dlocalstack.name=$1 "; }
app_pid() { pid_of "$(app_pid_file "$1")" "$(app_match "$1")"; }
app_port() { if [ "$1" = api ]; then echo "$API_PORT"; else echo $((WORKER_BASE_PORT + ${1#worker-})); fi; }

# Names of the workers that run now (worker-1 worker-3 …), in numeric order.
running_workers() {
  local f name
  for f in "$RUN_DIR"/worker-*.pid; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .pid)"
    app_pid "$name" >/dev/null && echo "$name"
  done | sort -t- -k2 -n
}

# How many workers the stack should run: what the last `up` was asked for, 1 when it never was.
wanted_workers() {
  local n
  n="$(cat "$WANTED_WORKERS_FILE" 2>/dev/null || true)"
  if [[ "$n" =~ ^[0-9]$ ]]; then echo "$n"; else echo 1; fi
}

# health NAME : prints UP, DOWN or "no answer" for the app's /q/health/ready.
health() {
  local body status
  body="$(curl -s -m 3 "http://127.0.0.1:$(app_port "$1")/q/health/ready" 2>/dev/null || true)"
  status="$(printf '%s' "$body" | jq -r '.status // empty' 2>/dev/null || true)"
  echo "${status:-no answer}"
}

mark_started() { mkdir -p "$RUN_DIR"; grep -qx "$1" "$STARTED_FILE" 2>/dev/null || echo "$1" >>"$STARTED_FILE"; }
was_started() { grep -qx "$1" "$STARTED_FILE" 2>/dev/null; }

# Reads one key from .geopera/local.env (empty when absent).
local_env_get() { if [ -f "$LOCAL_ENV" ]; then sed -n "s/^$1=//p" "$LOCAL_ENV" | tail -n 1; fi; }

# Sets KEY=VALUE in .geopera/local.env, keeping the other lines; the file is private (it holds keys).
local_env_set() {
  local key="$1" value="$2" tmp
  if [ -f "$LOCAL_ENV" ] && grep -qxF -- "$key=$value" "$LOCAL_ENV"; then return 0; fi
  mkdir -p "$GEOPERA_HOME"
  [ -f "$LOCAL_ENV" ] || printf '# The local stack (deploy/local/up). Shell syntax: set -a; . .geopera/local.env; set +a\n' >"$LOCAL_ENV"
  tmp="$(mktemp "$LOCAL_ENV.XXXX")"
  # Replace the key's line where it is (so the file keeps its order), or append it.
  awk -v k="$key" -v line="$key=$value" 'BEGIN { done = 0 }
    index($0, k "=") == 1 { if (!done) print line; done = 1; next } { print }
    END { if (!done) print line }' "$LOCAL_ENV" >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$LOCAL_ENV"
}

# Removes KEY from .geopera/local.env.
local_env_unset() {
  [ -f "$LOCAL_ENV" ] && grep -q "^$1=" "$LOCAL_ENV" || return 0
  local tmp
  tmp="$(mktemp "$LOCAL_ENV.XXXX")"
  grep -v "^$1=" "$LOCAL_ENV" >"$tmp" || true
  chmod 600 "$tmp"
  mv "$tmp" "$LOCAL_ENV"
}

# start_app NAME : starts the api or worker-<i> in the background with the local stack's configuration.
start_app() {
  local name="$1" jar opts port pidfile logfile
  port="$(app_port "$name")"
  pidfile="$(app_pid_file "$name")"; logfile="$(app_log_file "$name")"
  port_open "$port" && die "127.0.0.1:$port (for $name) is taken by a process that is not ours"
  # shellcheck disable=SC1090
  . "$RUN_DIR/postgres.env"
  local common_env=(
    "QUARKUS_HTTP_HOST=127.0.0.1" "QUARKUS_HTTP_PORT=$port"
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT"
    "GEOPERA_STORAGE_ROOT=$GEOPERA_HOME/storage"
    "GEOPERA_IMAGERY_INPUT_ROOTS=$GEOPERA_HOME/inputs"
  )
  local app_env=()
  if [ "$name" = api ]; then
    jar="$API_JAR"; read -r -a opts <<<"$API_JAVA_OPTS"
    app_env=(
      "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$GEOPERA_PG_PORT/$LOCAL_DB"
      "QUARKUS_DATASOURCE_USERNAME=$GEOPERA_PG_USER"
      "GEOPERA_ADMIN_BOOTSTRAP_KEY=$(local_env_get GEOPERA_ADMIN_KEY)"
    )
  else
    # Workers get no database settings at all: they never talk to PostgreSQL.
    jar="$WORKER_JAR"; read -r -a opts <<<"$WORKER_JAVA_OPTS"
    app_env=("GEOPERA_WORKER_ID=$name")
  fi
  mkdir -p "$GEOPERA_HOME/storage" "$GEOPERA_HOME/inputs"
  {
    printf '\n===== %s start %s =====\n' "$name" "$(date -u +%FT%TZ)"
  } >>"$logfile"
  local pid
  pid="$(cd "$GEOPERA_ROOT" && start_detached "$pidfile" "$logfile" \
    env "${common_env[@]}" "${app_env[@]}" \
    java "${opts[@]}" --enable-native-access=ALL-UNNAMED -Djava.library.path="$GEOPERA_HOME/native" \
         "-Dlocalstack.name=$name" -jar "$jar")"
  log "started $name (pid $pid) on 127.0.0.1:$port, log $logfile"
}

# wait_healthy NAME... : waits until every app answers UP on /q/health/ready; fails with its log tail
# when one dies or stays unhealthy past HEALTH_TIMEOUT_SECONDS.
wait_healthy() {
  local pending=("$@") deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS)) next name pid
  while [ ${#pending[@]} -gt 0 ]; do
    next=()
    for name in "${pending[@]}"; do
      if ! pid="$(app_pid "$name")"; then
        log "$name exited during start; last lines of $(app_log_file "$name"):"
        tail -n 40 "$(app_log_file "$name")" >&2 || true
        if tail -n 200 "$(app_log_file "$name")" | grep -q 'FlywayValidateException'; then
          log "the database $LOCAL_DB holds migrations that differ from this build's;" \
              "deploy/local/down --purge deletes the local data (database included) so that the next up starts clean"
        fi
        return 1
      fi
      [ "$(health "$name")" = UP ] || next+=("$name")
    done
    pending=("${next[@]+"${next[@]}"}")
    [ ${#pending[@]} -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
      for name in "${pending[@]}"; do
        log "$name is not ready after ${HEALTH_TIMEOUT_SECONDS}s (health: $(health "$name")); last lines of $(app_log_file "$name"):"
        tail -n 40 "$(app_log_file "$name")" >&2 || true
      done
      return 1
    fi
    sleep 1
  done
}

# stop_apps NAME... : stops several apps at once (each gets its grace period in parallel).
stop_apps() {
  local name pids=()
  for name in "$@"; do stop_app "$name" & pids+=($!); done
  for name in "${pids[@]+"${pids[@]}"}"; do wait "$name" || true; done
}

# stop_app NAME : stops the app through its pid file (graceful first: running jobs get time to finish).
stop_app() {
  local name="$1" pid
  if pid="$(app_pid "$name")"; then
    log "stopping $name (pid $pid)"
    stop_pid "$pid" "$name" 45
  fi
  rm -f "$(app_pid_file "$name")"
}

# take_stack_lock ARGS... : re-runs the calling script under an exclusive lock, so that two up/down calls
# never interleave. flock -o keeps the lock out of the processes the script starts.
take_stack_lock() {
  if [ "${GEOPERA_LOCAL_LOCK:-}" = held ]; then unset GEOPERA_LOCAL_LOCK; return 0; fi
  need_cmd flock util-linux
  mkdir -p "$RUN_DIR"
  if ! flock -n "$RUN_DIR/local.lock" true; then log "waiting for another deploy/local/up or down to finish"; fi
  GEOPERA_LOCAL_LOCK=held exec flock -w 900 -o "$RUN_DIR/local.lock" "$0" "$@"
}
