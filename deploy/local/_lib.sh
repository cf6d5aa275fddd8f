# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Sourced, never executed.
#
# Defines:
#   REPO_ROOT  repository root (two levels above this file)
#   LOCAL_DIR  <repo>/.local          all runtime state lives below it
#   STATE_DIR  <repo>/.local/state    pid files / "started by us" markers
#   LOG_TAG    prefix for messages (set by the sourcing script)

LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LIB_DIR/../.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
STATE_DIR="$LOCAL_DIR/state"
LOG_TAG="${LOG_TAG:-local}"

info() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# Create <repo>/.local (self-ignored by git) and the state dir.
ensure_local_dirs() {
  mkdir -p "$STATE_DIR"
  if [[ ! -f "$LOCAL_DIR/.gitignore" ]]; then
    printf '# runtime state of deploy/local/*.sh - never commit\n*\n' >"$LOCAL_DIR/.gitignore"
  fi
}

# Run a command as root (directly when we are root, else through sudo).
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Install Debian packages (apt-get update first: a fresh machine has no lists).
apt_install() {
  have apt-get || die "apt-get not found; install manually: $*"
  info "installing Debian packages: $* (apt-get update && apt-get install)"
  as_root apt-get update -qq || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" ||
    die "apt-get install $* failed"
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# "1234" ms -> "1.234s"
fmt_ms() { printf '%d.%03ds' $(($1 / 1000)) $(($1 % 1000)); }

# tcp_open HOST PORT [TIMEOUT_S]: succeeds if a TCP connect works.
tcp_open() {
  local host="$1" port="$2" t="${3:-2}"
  host="${host#[}"
  host="${host%]}"
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout "$t" bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# Describe who listens on a local TCP port (best effort, for error messages).
port_owner() {
  local port="$1" out=""
  if have ss; then
    out="$(ss -Hltnp "sport = :$port" 2>/dev/null || true)"
  fi
  printf '%s' "${out:-unknown process (ss not available or no details)}"
}

# pid_alive PID: process exists and is not a zombie.
# (PID 1 of a container/VM may not reap orphans, so kill -0 alone is not enough.)
pid_alive() {
  local pid="$1" stat state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  state="${stat##*) }"
  state="${state%% *}"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# pid_cmdline PID: the process' command line with NULs turned into spaces.
pid_cmdline() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# read_pid FILE: first line of FILE if it is a number, else empty.
read_pid() {
  local pid=""
  if [[ -f "$1" ]]; then
    read -r pid <"$1" || true
  fi
  if [[ "$pid" =~ ^[0-9]+$ ]]; then printf '%s' "$pid"; fi
}

# Mask the password of a URL for printing.
mask_url() {
  # shellcheck disable=SC2001
  sed -E 's#(://[^:/@]+):[^@/]*@#\1:***@#' <<<"$1"
}
