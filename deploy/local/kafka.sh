#!/usr/bin/env bash
# Local Kafka broker for Cartera (single node, KRaft combined mode).
#
#   deploy/local/kafka.sh start|stop|status
#
# With KAFKA_BOOTSTRAP_SERVERS set: only checks that it accepts TCP connections.
# Otherwise: jars resolved from Maven Central (deploy/local/kafka/pom.xml) into
# .local/kafka/libs, storage formatted once in .local/kafka/data, broker started
# in the background on 127.0.0.1:${KAFKA_PORT:-9092} (controller
# ${KAFKA_CONTROLLER_PORT:-9093}), log .local/kafka/broker.log, pid
# .local/state/kafka.pid. `stop` only stops the pid this script recorded.
set -euo pipefail

LOG_TAG=kafka
# shellcheck source=deploy/local/_lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_lib.sh"

CONF_DIR="$LIB_DIR/kafka"
POM="$CONF_DIR/pom.xml"
PROPS_TEMPLATE="$CONF_DIR/server.properties.template"
LOG4J_CONF="$CONF_DIR/log4j2.properties"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms384m -Xmx512m}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_FRESH="${KAFKA_FRESH:-0}"

KDIR="$LOCAL_DIR/kafka"
LIBS_DIR="$KDIR/libs"
DATA_DIR="$KDIR/data"
PROPS="$KDIR/server.properties"
CLUSTER_ID_FILE="$KDIR/cluster.id"
BROKER_LOG="$KDIR/broker.log"
PIDFILE="$STATE_DIR/kafka.pid"

READY_LINE='Kafka Server started'

usage() {
  cat >&2 <<'EOF'
usage: deploy/local/kafka.sh start|stop|status

env: KAFKA_BOOTSTRAP_SERVERS  if set, only check a TCP connect to it (external broker)
     KAFKA_PORT               broker port (default 9092)
     KAFKA_CONTROLLER_PORT    KRaft controller port (default 9093)
     KAFKA_VERSION            override the version pinned in deploy/local/kafka/pom.xml
     KAFKA_FRESH=1            start: wipe .local/kafka/data first (clean broker)
     KAFKA_START_TIMEOUT      seconds to wait for readiness (default 60)
     KAFKA_STOP_TIMEOUT       seconds between SIGTERM and SIGKILL (default 30)
     KAFKA_HEAP_OPTS          default "-Xms384m -Xmx512m"
     KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_OPTS   extra JVM options
EOF
  exit 2
}

check_port_var() {
  if [[ ! "$2" =~ ^[0-9]+$ ]] || (($2 < 1 || $2 > 65535)); then
    die "$1='$2' is not a valid TCP port"
  fi
}

# ---------------------------------------------------------------- external broker

check_external() {
  local entry s host port servers=()
  IFS=',' read -r -a servers <<<"$KAFKA_BOOTSTRAP_SERVERS"
  for entry in "${servers[@]}"; do
    s="${entry//[[:space:]]/}"
    s="${s#*://}"
    [[ -n "$s" ]] || continue
    host="${s%:*}"
    port="${s##*:}"
    [[ "$s" == *:* && "$port" =~ ^[0-9]+$ ]] || port=9092
    if tcp_open "$host" "$port" 5; then
      info "KAFKA_BOOTSTRAP_SERVERS is set ($KAFKA_BOOTSTRAP_SERVERS): $host:$port accepts TCP; nothing started or stopped here."
      return 0
    fi
  done
  die "KAFKA_BOOTSTRAP_SERVERS is set ($KAFKA_BOOTSTRAP_SERVERS) but no server accepts a TCP connection (this script does not start a broker while it is set; unset it to use the local one)"
}

# ---------------------------------------------------------------- helpers

# pid is a live broker started with our server.properties?
is_our_broker() {
  local cmd
  pid_alive "$1" || return 1
  cmd="$(pid_cmdline "$1")"
  [[ "$cmd" == *kafka.Kafka* && "$cmd" == *"$PROPS"* ]]
}

# Print the recorded pid if it is our live broker; remove a stale pid file.
our_running_pid() {
  local pid
  pid="$(read_pid "$PIDFILE")"
  if [[ -n "$pid" ]] && is_our_broker "$pid"; then
    printf '%s' "$pid"
  elif [[ -f "$PIDFILE" ]]; then
    rm -f "$PIDFILE"
    info "removed stale pid file (pid ${pid:-?} is not a running broker started by this script)" >&2
  fi
}

fail_with_log() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$1" >&2
  if [[ -s "$BROKER_LOG" ]]; then
    local first_error
    first_error="$(grep -m1 -E '^\[[^]]*\] (ERROR|FATAL) |^Error|Exception' "$BROKER_LOG" || true)"
    if [[ -n "$first_error" ]]; then
      printf '[%s] first error in the log: %s\n' "$LOG_TAG" "$first_error" >&2
    fi
    printf '[%s] last 30 lines of %s:\n' "$LOG_TAG" "$BROKER_LOG" >&2
    tail -n 30 "$BROKER_LOG" >&2
  else
    printf '[%s] (broker log %s is empty or missing)\n' "$LOG_TAG" "$BROKER_LOG" >&2
  fi
  exit 1
}

ensure_java() {
  local pkgs=() major
  have java || pkgs+=(openjdk-17-jre-headless)
  have mvn || pkgs+=(maven)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot determine the Java version ($(command -v java))"
  ((major >= 17)) || die "Kafka 4 needs Java 17+, found Java $major at $(command -v java)"
}

pinned_version() {
  local v
  v="$(sed -n 's:.*<kafka\.version>\([^<]*\)</kafka\.version>.*:\1:p' "$POM" | head -n1)"
  [[ -n "$v" ]] || die "no <kafka.version> property in $POM"
  printf '%s' "$v"
}

libs_stamp() {
  local pom_sum
  pom_sum="$(sha256sum <"$POM")"
  printf 'kafka.version=%s pom.sha256=%s' "$KAFKA_VERSION" "${pom_sum%% *}"
}

# Resolve the broker jars unless .local/kafka/libs matches the pinned version + pom.
resolve_libs() {
  local want tmp
  want="$(libs_stamp)"
  if [[ -f "$LIBS_DIR/.stamp" ]] && [[ "$(cat "$LIBS_DIR/.stamp")" == "$want" ]]; then
    return 0
  fi
  info "resolving Kafka $KAFKA_VERSION jars with Maven into $LIBS_DIR (only when missing or the version/pom changed)"
  tmp="$KDIR/libs.tmp"
  rm -rf "$tmp"
  if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$tmp" >"$KDIR/mvn.log" 2>&1 9>&-; then
    rm -rf "$tmp"
    tail -n 40 "$KDIR/mvn.log" >&2
    die "mvn could not resolve Kafka $KAFKA_VERSION (pom $POM); output above, full log $KDIR/mvn.log"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] ||
    die "mvn finished but $tmp/kafka_2.13-$KAFKA_VERSION.jar is missing"
  printf '%s\n' "$want" >"$tmp/.stamp"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  info "resolved $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars"
}

render_props() {
  local tmp="$PROPS.tmp"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@KAFKA_DATA_DIR@|$DATA_DIR|g" "$PROPS_TEMPLATE" >"$tmp"
  if [[ -f "$PROPS" ]] && cmp -s "$tmp" "$PROPS"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$PROPS"
  fi
}

java_cmd() {
  local heap=() perf=() extra=()
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  read -r -a perf <<<"$KAFKA_JVM_PERFORMANCE_OPTS"
  read -r -a extra <<<"$KAFKA_OPTS"
  JAVA_CMD=(java "${heap[@]}" "${perf[@]}" "${extra[@]}"
    "-Dlog4j2.configurationFile=$LOG4J_CONF" "-Dkafka.logs.dir=$KDIR/logs"
    -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS")
}

# Format the KRaft storage once (skipped when meta.properties exists).
format_storage() {
  local cid
  # (Changing KAFKA_CONTROLLER_PORT later is fine: a single voter re-registers its endpoint.)
  if [[ -f "$DATA_DIR/meta.properties" ]]; then return 0; fi
  # A KRaft cluster id is 16 random bytes, base64url without padding (22 chars). One starting
  # with '-' would be read as an option by the formatter (one start in 64 failed that way), so,
  # as Kafka's own Uuid.randomUuid does, such an id is drawn again.
  while [[ ! -s "$CLUSTER_ID_FILE" || "$(head -c 1 "$CLUSTER_ID_FILE")" == "-" ]]; do
    head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$CLUSTER_ID_FILE"
  done
  cid="$(cat "$CLUSTER_ID_FILE")"
  mkdir -p "$DATA_DIR"
  info "formatting storage $DATA_DIR (cluster id $cid)"
  if ! java -Xmx256m -XX:TieredStopAtLevel=1 "-Dlog4j2.configurationFile=$LOG4J_CONF" \
    -cp "$LIBS_DIR/*" kafka.tools.StorageTool format --standalone -t "$cid" -c "$PROPS" \
    --ignore-formatted >"$KDIR/format.log" 2>&1 9>&-; then
    cat "$KDIR/format.log" >&2
    die "kafka.tools.StorageTool format failed (output above, also in $KDIR/format.log)"
  fi
}

# SIGTERM, wait, SIGKILL. $1 = pid (already verified to be our broker).
stop_pid() {
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while pid_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      warn "broker pid $pid still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      deadline=$((SECONDS + 10))
      while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
      pid_alive "$pid" && die "broker pid $pid survived SIGKILL"
      break
    fi
    sleep 0.2
  done
  rm -f "$PIDFILE"
}

# Wait for "Kafka Server started" in the log and a TCP connect to the broker port.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while :; do
    if ! is_our_broker "$pid"; then
      rm -f "$PIDFILE"
      fail_with_log "broker process (pid $pid) exited during startup"
    fi
    if grep -q "$READY_LINE" "$BROKER_LOG" 2>/dev/null && tcp_open 127.0.0.1 "$KAFKA_PORT" 1; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      local what="'$READY_LINE' in the log"
      if grep -q "$READY_LINE" "$BROKER_LOG" 2>/dev/null; then what="TCP connect to 127.0.0.1:$KAFKA_PORT"; fi
      stop_pid "$pid"
      fail_with_log "broker not ready within ${KAFKA_START_TIMEOUT}s (still waiting for $what); stopped it (pid $pid)"
    fi
    sleep 0.25
  done
}

launch() {
  local pid="" i
  java_cmd
  if [[ -f "$BROKER_LOG" ]]; then mv -f "$BROKER_LOG" "$BROKER_LOG.1"; fi
  mkdir -p "$KDIR/logs"
  rm -f "$PIDFILE"
  # New session (setsid) + nohup: survives the calling shell/CI step. The inner
  # bash writes its own pid and execs java, so the pid file holds java's pid.
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid nohup bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' kafka-launch "$PIDFILE" "${JAVA_CMD[@]}" \
    >"$BROKER_LOG" 2>&1 </dev/null 9>&- &
  for ((i = 0; i < 50; i++)); do
    pid="$(read_pid "$PIDFILE")"
    [[ -n "$pid" ]] && break
    sleep 0.1
  done
  [[ -n "$pid" ]] || fail_with_log "broker launch did not write $PIDFILE"
  printf '%s' "$pid"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    check_external
    return
  fi
  check_port_var KAFKA_PORT "$KAFKA_PORT"
  check_port_var KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"
  ensure_local_dirs
  mkdir -p "$KDIR"
  exec 9>"$STATE_DIR/kafka.lock"
  flock -w 120 9 || die "another kafka.sh is running (lock $STATE_DIR/kafka.lock)"
  KAFKA_VERSION="${KAFKA_VERSION:-$(pinned_version)}"

  local pid p t0
  pid="$(our_running_pid)"
  if [[ -n "$pid" ]]; then
    if [[ "$KAFKA_FRESH" == 1 ]]; then
      info "KAFKA_FRESH=1: stopping the running broker (pid $pid) for a clean start"
      stop_pid "$pid"
    else
      if [[ -f "$LIBS_DIR/.stamp" ]] && [[ "$(cat "$LIBS_DIR/.stamp")" != "$(libs_stamp)" ]]; then
        warn "running broker uses $(cat "$LIBS_DIR/.stamp"); stop + start to switch to Kafka $KAFKA_VERSION"
      fi
      wait_ready "$pid"
      info "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT; nothing to do"
      return 0
    fi
  fi

  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if tcp_open 127.0.0.1 "$p" 1; then
      die "port 127.0.0.1:$p is already in use by a process NOT started by this script: $(port_owner "$p")"
    fi
  done

  ensure_java
  resolve_libs
  render_props
  if [[ "$KAFKA_FRESH" == 1 ]]; then
    info "KAFKA_FRESH=1: wiping $DATA_DIR"
    rm -rf "$DATA_DIR" "$CLUSTER_ID_FILE"
  fi
  format_storage

  t0="$(now_ms)"
  info "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), log $BROKER_LOG"
  pid="$(launch)"
  wait_ready "$pid"
  info "ready after $(fmt_ms $(($(now_ms) - t0))) (pid $pid, pid file $PIDFILE)"
}

cmd_stop() {
  local pid
  pid="$(read_pid "$PIDFILE")"
  if [[ -z "$pid" ]]; then
    rm -f "$PIDFILE"
    if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
      info "KAFKA_BOOTSTRAP_SERVERS is set (external broker) and no local broker was started by this script; nothing to stop"
    elif tcp_open 127.0.0.1 "$KAFKA_PORT" 1; then
      info "something listens on 127.0.0.1:$KAFKA_PORT but it was not started by this script (no pid file); leaving it alone"
    else
      info "not running (no pid file); nothing to stop"
    fi
    return 0
  fi
  # A pid file exists: stop exactly what our `start` started, even if
  # KAFKA_BOOTSTRAP_SERVERS is set now (e.g. after eval "$(infra.sh env)").
  if ! is_our_broker "$pid"; then
    rm -f "$PIDFILE"
    info "recorded pid $pid is not a running broker started by this script (stale pid file removed); nothing stopped"
    return 0
  fi
  info "stopping broker (pid $pid): SIGTERM, SIGKILL after ${KAFKA_STOP_TIMEOUT}s"
  stop_pid "$pid"
  info "stopped"
}

cmd_status() {
  if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    check_external
    return
  fi
  local pid
  pid="$(our_running_pid)"
  if [[ -z "$pid" ]]; then
    if tcp_open 127.0.0.1 "$KAFKA_PORT" 1; then
      info "no broker started by this script, but 127.0.0.1:$KAFKA_PORT is in use: $(port_owner "$KAFKA_PORT")"
    else
      info "stopped"
    fi
    return 3
  fi
  if tcp_open 127.0.0.1 "$KAFKA_PORT" 1; then
    info "running (pid $pid, started by this script) on 127.0.0.1:$KAFKA_PORT, accepting connections; data $DATA_DIR; log $BROKER_LOG"
    return 0
  fi
  info "process running (pid $pid) but 127.0.0.1:$KAFKA_PORT does not accept connections (starting, or broken; see $BROKER_LOG)"
  return 1
}

main() {
  [[ $# -eq 1 ]] || usage
  case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
  esac
}

main "$@"
