#!/usr/bin/env bash
# A networked bench of simulated GigE Vision cameras: a "host" network namespace with a bridge, and per camera a
# network namespace of its own joined to that bridge by a veth pair, running the simulated camera
# (io.timesync.hil.sim.gige.GigeDeviceMain) on its own 10.x address behind a user-space delay relay: a real GVCP
# round trip over a (virtual) network, with a per-direction delay and jitter, and each latch's truth printed to DIR.
# Aravis (or the suite) runs inside the host namespace: its discovery broadcasts reach the bench's cameras only,
# never a real network. Needs root, iproute2 and a JVM.
#
#   .ci/gige-net-bench.sh start DIR [CAMERA...]   # everything it creates is recorded in DIR
#   .ci/gige-net-bench.sh stop DIR                # idempotent: removes whatever of the bench still exists, and DIR
#
# CAMERA is SERIAL[,SETTING...]; a SETTING is one of the camera's options without its dashes (offset=+150ms,
# drift=20000ppm, grandmaster=02005e.fffe.0000bb, ptp-status=Listening, request-delay=1ms+200us, reply-delay=0,
# tick-frequency=125000000, seed=7, ...) or a fault (frozen, zero, noPtpDataSet, disconnectAfter=20,
# commandDelay=20ms). Without CAMERA: 05520125 05520126 05520128 (hil-config/gige-net.yaml's cameras).
#
# Environment:
#   GIGE_NET_CLASSPATH      required for start: the classpath holding the project's classes and their dependencies
#                           (e.g. target/classes:$(cat cp.txt) after ./mvnw dependency:build-classpath -Dmdep.outputFile=cp.txt)
#   GIGE_NET_JAVA           the java to run (default $JAVA_HOME/bin/java, else java on the PATH)
#   GIGE_NET_REQUEST_DELAY  every camera's request path delay[+jitter] (default 300us)
#   GIGE_NET_REPLY_DELAY    every camera's reply path delay[+jitter] (default 30us)
#
# DIR/bench.env (written once every camera answers) names the host namespace and each camera's address; run a
# client there: ip netns exec "$HOST_NETNS" arv-tool-0.8. DIR/<serial>.log holds the camera's output: its ready line
# and one "latch kind=... host_ns=... device_ns=... value=... seq=..." line per latch (the truth).
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

readonly READY_TIMEOUT_S=60
readonly PROBE_TIMEOUT_S=20
readonly TERM_GRACE_S=5
readonly KILL_GRACE_S=2
readonly SUBNET=10.77.0
readonly HOST_ADDRESS=$SUBNET.1
readonly FIRST_CAMERA_HOST=10
readonly MAX_CAMERAS=32
readonly GVCP_PORT=3956
readonly DEFAULT_CAMERAS=(05520125 05520126 05520128)
# options of GigeDeviceMain a camera spec may set (anything else is a fault, see GigeFault.SYNTAX)
readonly CAMERA_OPTIONS=" offset drift grandmaster ptp-status request-delay reply-delay tick-frequency seed model pending-timeout pending-ack-enabled "
# small, quick JVMs: a camera answers one command at a time and keeps little
readonly DEVICE_JVM_OPTIONS=(-Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Djava.awt.headless=true)

usage() {
  echo "usage: $0 start DIR [SERIAL[,SETTING...]...] | stop DIR" >&2
  exit 2
}

say() {
  echo "[gige-net-bench] $*"
}

# Every name derives from DIR, so two benches (two CI runs, two developers) never share a namespace.
derive_names() {
  dir="$(realpath -m -- "$1")"
  id="$(printf '%s' "$dir" | md5sum | cut -c1-6)"
  prefix="hilgige-$id-"
  host_netns="${prefix}host"
}

# The namespaces of this bench: those recorded in DIR, and any other with its prefix (a start cut short between
# creating a namespace and recording it cannot happen, as it is recorded first, but a lost DIR can).
bench_namespaces() {
  {
    [[ -f "$dir/netns" ]] && cat -- "$dir/netns"
    ip netns list | awk '{print $1}' | grep -- "^$prefix" || true
  } | sort -u
}

# Only processes this bench started: the pid files (checked to still be a camera of this DIR), plus anything
# left inside the bench's namespaces (a camera whose pid file was lost, a client run there by hand).
stop_processes() {
  local pid_file pid netns
  for pid_file in "$dir"/*.pid; do
    [[ -f "$pid_file" ]] || continue
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/"; then
      stop_process "$pid" "camera $(basename "$pid_file" .pid)"
    fi
    rm -f -- "$pid_file"
  done
  for netns in $(bench_namespaces); do
    netns_exists "$netns" || continue
    for pid in $(ip netns pids "$netns" 2>/dev/null || true); do
      stop_process "$pid" "process in $netns"
    done
  done
}

remove_network() {
  local netns
  # deleting a namespace deletes its end of every veth, and so the pair
  for netns in $(bench_namespaces); do
    if netns_exists "$netns"; then
      say "deleting namespace $netns"
      ip netns delete "$netns" 2>/dev/null || say "warning: cannot delete namespace $netns"
    fi
  done
}

add_netns() {
  echo "$1" >>"$dir/netns"
  ip netns add "$1"
  ip -n "$1" link set dev lo up
}

# "SERIAL,offset=+150ms,frozen" -> serial, and the camera's options (faults gathered into one --faults=)
parse_camera() {
  local spec="$1" setting key faults=""
  IFS=',' read -r -a settings <<<"$spec"
  serial="${settings[0]}"
  [[ "$serial" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "not a camera serial: '$serial' (in '$spec')" >&2; exit 2; }
  camera_options=()
  for setting in "${settings[@]:1}"; do
    [[ -n "$setting" ]] || continue
    key="${setting%%=*}"
    if [[ "$CAMERA_OPTIONS" == *" $key "* ]]; then
      camera_options+=("--$setting")
    else
      faults="${faults:+$faults,}$setting"
    fi
  done
  if [[ -n "$faults" ]]; then
    camera_options+=("--faults=$faults")
  fi
}

java_command() {
  if [[ -n "${GIGE_NET_JAVA:-}" ]]; then
    echo "$GIGE_NET_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || { echo "no java on the PATH: set GIGE_NET_JAVA or JAVA_HOME" >&2; exit 1; }
  fi
}

# A camera's namespace, its veth to the host's bridge, and the camera process in it.
start_camera() {
  local index="$1" spec="$2" netns link address java
  parse_camera "$spec"
  netns="${prefix}c$index"
  link="gg$id$index" # at most 10 characters: IFNAMSIZ allows 15
  address="$SUBNET.$((FIRST_CAMERA_HOST + index))"
  add_netns "$netns"
  # created right in both namespaces: nothing of the bench ever appears in this namespace
  ip link add "$link" netns "$host_netns" type veth peer name eth0 netns "$netns"
  ip -n "$host_netns" link set dev "$link" master br0 up
  ip -n "$netns" address add "$address/24" dev eth0
  ip -n "$netns" link set dev eth0 up
  # a FIFO opened read-write as stdin never reaches EOF: the camera runs until SIGTERM
  mkfifo -- "$dir/$serial.stdin"
  java="$(java_command)"
  ip netns exec "$netns" "$java" "${DEVICE_JVM_OPTIONS[@]}" -XX:ErrorFile="$dir/hs_err_$serial.log" \
    -Djava.io.tmpdir="$dir" -cp "$GIGE_NET_CLASSPATH" io.timesync.hil.sim.gige.GigeDeviceMain \
    --serial="$serial" --bind="$address" --port="$GVCP_PORT" --device-bind="$address" \
    --request-delay="${GIGE_NET_REQUEST_DELAY:-300us}" --reply-delay="${GIGE_NET_REPLY_DELAY:-30us}" \
    --seed="$((index + 1))" --print-latches "${camera_options[@]}" \
    0<>"$dir/$serial.stdin" >"$dir/$serial.log" 2>&1 &
  echo $! >"$dir/$serial.pid"
  echo "$serial $address $netns ${camera_options[*]}" >>"$dir/cameras"
  say "started camera $serial at $address in $netns (pid $!, log $dir/$serial.log) ${camera_options[*]}"
}

# Bounded: the camera prints its ready line once bound, then it must answer a GVCP client from the host namespace.
await_camera() {
  local serial="$1" address="$2" pid deadline probe
  pid="$(cat "$dir/$serial.pid")"
  deadline=$((SECONDS + READY_TIMEOUT_S))
  until grep -q '^ready ' "$dir/$serial.log" 2>/dev/null; do
    if ! process_alive "$pid"; then
      echo "camera $serial (pid $pid) exited before it was ready" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "camera $serial printed no ready line within ${READY_TIMEOUT_S}s" >&2
      return 1
    fi
    sleep 0.1
  done
  if ! command -v arv-tool-0.8 >/dev/null; then
    say "camera $serial is bound (no arv-tool-0.8 to ask it over GVCP: apt-get install aravis-tools-cli)"
    return 0
  fi
  # by address: GVCP READREG of its serial through the bridge, the veth and the relay
  deadline=$((SECONDS + PROBE_TIMEOUT_S))
  while :; do
    probe="$(timeout --kill-after=2 10 ip netns exec "$host_netns" arv-tool-0.8 -a "$address" control \
      DeviceSerialNumber 2>&1 || true)"
    if grep -qx "DeviceSerialNumber = $serial" <<<"$probe"; then
      say "camera $serial answers at $address"
      return 0
    fi
    if ! process_alive "$pid" || ((SECONDS >= deadline)); then
      echo "camera $serial did not answer at $address within ${PROBE_TIMEOUT_S}s; arv-tool-0.8 said: $probe" >&2
      return 1
    fi
    sleep 0.2
  done
}

on_start_exit() {
  local status=$? log
  ((status != 0)) || return 0
  echo "[gige-net-bench] start FAILED; camera logs follow" >&2
  for log in "$dir"/*.log; do
    [[ -f "$log" ]] || continue
    echo "----- $log" >&2
    tail -n 40 "$log" >&2 || true
  done
  stop_bench "$dir" >&2 || true
}

start_bench() {
  derive_names "$1"
  shift
  local specs=("$@") tool index serial address netns options
  ((${#specs[@]})) || specs=("${DEFAULT_CAMERAS[@]}")
  for tool in ip md5sum mkfifo timeout; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y iproute2 coreutils)" >&2; exit 1; }
  done
  if ((EUID != 0)); then
    echo "needs root (network namespaces); run with sudo" >&2
    exit 1
  fi
  [[ -n "${GIGE_NET_CLASSPATH:-}" ]] || { echo "set GIGE_NET_CLASSPATH to the project's classpath" >&2; exit 1; }
  ((${#specs[@]} <= MAX_CAMERAS)) || { echo "at most $MAX_CAMERAS cameras" >&2; exit 1; }
  if [[ -n "$(bench_namespaces)" || -e "$dir/bench.env" ]]; then
    echo "a bench for $dir already exists: stop it first: $0 stop $dir" >&2
    exit 1
  fi
  local serials=()
  for spec in "${specs[@]}"; do
    parse_camera "$spec"
    if [[ " ${serials[*]} " == *" $serial "* ]]; then
      echo "camera $serial is given twice" >&2
      exit 2
    fi
    serials+=("$serial")
  done
  # EXIT, not ERR: an ERR trap is not inherited by functions, and set -e exits from inside them
  trap on_start_exit EXIT
  mkdir -p -- "$dir"
  say "starting a bench of ${#specs[@]} camera(s) in $dir: host namespace $host_netns, bridge br0 $HOST_ADDRESS/24"
  add_netns "$host_netns"
  # a plain L2 link: no STP delay, broadcast (GigE Vision discovery) flooded to every port
  ip -n "$host_netns" link add br0 type bridge forward_delay 0 stp_state 0
  ip -n "$host_netns" address add "$HOST_ADDRESS/24" dev br0
  ip -n "$host_netns" link set dev br0 up
  for index in "${!specs[@]}"; do
    start_camera "$index" "${specs[$index]}"
  done
  while read -r serial address netns options; do
    await_camera "$serial" "$address"
  done <"$dir/cameras"

  {
    echo "HOST_NETNS=$host_netns"
    echo "HOST_ADDRESS=$HOST_ADDRESS"
    echo "CAMERAS=\"${serials[*]}\""
    index=0
    while read -r serial address netns options; do
      index=$((index + 1))
      echo "CAMERA_$index=\"$serial $address\""
    done <"$dir/cameras"
  } >"$dir/bench.env.tmp"
  mv -- "$dir/bench.env.tmp" "$dir/bench.env"
  trap - EXIT
  say "ready: $dir/bench.env"
  sed 's/^/  /' "$dir/bench.env"
}

(($# >= 2)) || usage
[[ -n "$2" ]] || usage
case "$1" in
  start) start_bench "${@:2}" ;;
  stop) (($# == 2)) || usage; stop_bench "$2" ;;
  *) usage ;;
esac
