# shellcheck shell=bash
# Helpers shared by the deploy/ scripts: paths, logging, pid files and ports. Sourced, never run.
#
# Every process the scripts start gets a pid file under .geopera/run/ and is only ever stopped through it,
# after checking that the pid still belongs to the command we started (pids get reused).

GEOPERA_ROOT="${GEOPERA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
GEOPERA_HOME="$GEOPERA_ROOT/.geopera"
# shellcheck disable=SC2034  # used by the scripts that source this file
RUN_DIR="$GEOPERA_HOME/run" LOG_DIR="$GEOPERA_HOME/logs"

log() { printf '[%s] %s\n' "${LOG_TAG:-geopera}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-geopera}" "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt_install PKG... : installs the Debian packages that are missing (non-interactive).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# need_cmd CMD PACKAGE : makes sure CMD exists, installing PACKAGE when it does not.
need_cmd() { command -v "$1" >/dev/null 2>&1 || apt_install "$2"; }

# port_open PORT [HOST] : true when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null; }

# pid_of PIDFILE MATCH : prints the pid recorded in PIDFILE when that process is alive and its command line
# contains MATCH; prints nothing (and returns 1) otherwise.
pid_of() {
  local pidfile="$1" match="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$match" || return 1
  echo "$pid"
}

# stop_pid PID NAME [TIMEOUT_SECONDS] : SIGTERM, wait, then SIGKILL if it is still there.
stop_pid() {
  local pid="$1" name="$2" timeout="${3:-30}" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while [ -d "/proc/$pid" ] && [ "$waited" -lt $((timeout * 10)) ]; do
    # A zombie child of ours counts as gone.
    [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
    sleep 0.1; waited=$((waited + 1))
  done
  if [ -d "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then
    log "$name (pid $pid) did not stop within ${timeout}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
}

# wait_for_port PORT PID NAME LOGFILE [TIMEOUT_SECONDS] : waits until PORT answers, failing early (with the
# tail of LOGFILE) when PID dies.
wait_for_port() {
  local port="$1" pid="$2" name="$3" logfile="$4" timeout="${5:-60}" start=$SECONDS
  until port_open "$port"; do
    if ! [ -d "/proc/$pid" ]; then
      log "$name exited during start; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      log "$name did not open port $port within ${timeout}s; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

# start_detached PIDFILE LOGFILE CMD... : starts CMD in its own session (it outlives the caller's terminal
# and process group), stdout+stderr to LOGFILE, stdin from /dev/null; prints its pid and records it.
start_detached() {
  local pidfile="$1" logfile="$2"; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  # setsid execs in place (the background child is not a group leader), so $! is the command's own pid.
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  echo "$pid" >"$pidfile"
  echo "$pid"
}

# mvnw ARGS... : the project's Maven wrapper, batch mode, no transfer progress.
mvnw() { (cd "$GEOPERA_ROOT" && ./mvnw -B -ntp "$@"); }

# print_usage FILE : prints the comment block at the top of a script (its documentation) and exits 2.
print_usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1" >&2
  exit 2
}
