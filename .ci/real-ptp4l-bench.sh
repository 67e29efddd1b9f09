#!/usr/bin/env bash
# A real two-clock PTP bench for the project's tests: network namespaces on one link (a bridge in a namespace of
# its own), one linuxptp ptp4l in each (grandmaster and slave), software timestamping over UDPv4. All run
# free_running, so none ever adjusts the host clock. Needs root and linuxptp (ptp4l, pmc).
#
#   .ci/real-ptp4l-bench.sh start DIR     # configs, sockets, logs, pid files and bench.env go into DIR
#   .ci/real-ptp4l-bench.sh intrude DIR   # a third ptp4l with a better priority1 joins the link (a better master)
#   .ci/real-ptp4l-bench.sh stop DIR      # idempotent: removes whatever of the bench still exists, and DIR
#
# Tests find the bench through HIL_REAL_PTP4L_DIR=DIR (DIR/bench.env is written once both clocks are settled).
set -euo pipefail
# shellcheck source=bench-lib.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/bench-lib.sh"

readonly SETTLE_TIMEOUT_S=30
readonly PMC_TIMEOUT_S=5
readonly TERM_GRACE_S=5
readonly KILL_GRACE_S=2
readonly DOMAIN=0
readonly GM_MAC=02:00:00:00:00:01
readonly SLAVE_MAC=02:00:00:00:00:02
readonly INTRUDER_MAC=02:00:00:00:00:03
# clockIdentity of software timestamping = MAC with ff:fe inserted in the middle
readonly GM_CLOCK_ID=020000.fffe.000001
readonly SLAVE_CLOCK_ID=020000.fffe.000002
readonly INTRUDER_CLOCK_ID=020000.fffe.000003
readonly GM_ADDRESS=192.168.231.1/24
readonly SLAVE_ADDRESS=192.168.231.2/24
readonly INTRUDER_ADDRESS=192.168.231.3/24

usage() {
  echo "usage: $0 start DIR | intrude DIR | stop DIR" >&2
  exit 2
}

say() {
  echo "[real-ptp4l-bench] $*"
}

# Every name derives from DIR, so two benches (two CI runs, two developers) never share a namespace or link.
derive_names() {
  dir="$(realpath -m -- "$1")"
  local id
  id="$(printf '%s' "$dir" | md5sum | cut -c1-6)"
  gm_netns="hilptp-$id-gm"
  slave_netns="hilptp-$id-sl"
  intruder_netns="hilptp-$id-in"
  link_netns="hilptp-$id-br"
  gm_if="hilgm$id"      # 11 characters: IFNAMSIZ allows 15
  slave_if="hilsl$id"
  intruder_if="hilin$id"
}

# A clock's veth: its end in the clock's namespace, the other end on the link's bridge.
attach_to_link() {
  local netns="$1" link="$2" mac="$3" address="$4"
  ip link add "$link" address "$mac" type veth peer name "${link}b"
  ip link set dev "$link" netns "$netns"
  ip link set dev "${link}b" netns "$link_netns"
  ip -n "$link_netns" link set dev "${link}b" master br0 up
  ip -n "$netns" link set dev lo up
  ip -n "$netns" address add "$address" dev "$link"
  ip -n "$netns" link set dev "$link" up
}

# Only processes this bench started: the pid files (checked to still be that ptp4l), plus anything left
# inside the bench's namespaces (a ptp4l whose pid file was lost, a hung pmc).
stop_processes() {
  local role pid_file pid netns
  for role in gm sl in; do
    pid_file="$dir/$role.pid"
    [[ -f "$pid_file" ]] || continue
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/$role.cfg"; then
      stop_process "$pid" "ptp4l $role"
    fi
    rm -f -- "$pid_file"
  done
  for netns in "$gm_netns" "$slave_netns" "$intruder_netns"; do
    netns_exists "$netns" || continue
    for pid in $(ip netns pids "$netns" 2>/dev/null || true); do
      stop_process "$pid" "process in $netns"
    done
  done
}

remove_network() {
  local netns
  for netns in "$gm_netns" "$slave_netns" "$intruder_netns" "$link_netns"; do
    if netns_exists "$netns"; then
      say "deleting namespace $netns"
      ip netns delete "$netns" 2>/dev/null || say "warning: cannot delete namespace $netns"
    fi
  done
  # a start that failed before moving the veth ends into the namespaces leaves them in this namespace
  local link
  for link in "$gm_if" "$slave_if" "$intruder_if"; do
    if ip link show dev "$link" >/dev/null 2>&1; then
      say "deleting link $link"
      ip link delete dev "$link" 2>/dev/null || true
    fi
  done
}

write_config() {
  local file="$1" socket="$2" role_lines="$3"
  cat >"$file" <<EOF
[global]
domainNumber            $DOMAIN
free_running            1
time_stamping           software
network_transport       UDPv4
logAnnounceInterval     -2
announceReceiptTimeout  3
logSyncInterval         -3
logMinDelayReqInterval  -3
uds_address             $socket
verbose                 1
use_syslog              0
$role_lines
EOF
}

start_ptp4l() {
  local role="$1" netns="$2" link="$3"
  # ip netns exec execs ptp4l, so $! is ptp4l's pid; no descriptor of the caller is inherited
  ip netns exec "$netns" ptp4l -f "$dir/$role.cfg" -i "$link" -m </dev/null >"$dir/$role.log" 2>&1 &
  echo $! >"$dir/$role.pid"
  say "started ptp4l $role in $netns on $link (pid $!, log $dir/$role.log)"
}

pmc_query() {
  local socket="$1" command="$2"
  timeout --kill-after=1 "$PMC_TIMEOUT_S" pmc -u -b 0 -d "$DOMAIN" -s "$socket" -i "$dir/pmc.sock" "$command" 2>&1 || true
}

port_state() {
  pmc_query "$1" "GET PORT_DATA_SET" | awk '$1 == "portState" {print $2; exit}'
}

require_running() {
  local role="$1" pid
  pid="$(cat "$dir/$role.pid")"
  if ! process_alive "$pid"; then
    echo "ptp4l $role (pid $pid) exited" >&2
    return 1
  fi
}

# Bounded: SETTLE_TIMEOUT_S from the call; on_each runs before every check (e.g. to re-send a SET).
await_port_state() {
  local role="$1" socket="$2" wanted="$3" on_each="${4:-}" deadline state=""
  deadline=$((SECONDS + SETTLE_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    require_running "$role"
    [[ -z "$on_each" ]] || "$on_each"
    state="$(port_state "$socket")"
    if [[ "$state" == "$wanted" ]]; then
      say "ptp4l $role port is $wanted"
      return 0
    fi
    sleep 0.2
  done
  echo "ptp4l $role port did not reach $wanted within ${SETTLE_TIMEOUT_S}s (last state: ${state:-no answer})" >&2
  return 1
}

# A free_running slave stays UNCALIBRATED until told its synchronization is certain. pmc 3.1.1 takes the
# bare value ("... val 0" only prints "SET needs 1 value" and still exits 0), so the reply is checked.
declare_slave_synchronization_certain() {
  if ! pmc_query "$dir/sl.sock" "SET SYNCHRONIZATION_UNCERTAIN_NP 0" | grep -q 'uncertain 0$'; then
    say "ptp4l sl did not confirm SET SYNCHRONIZATION_UNCERTAIN_NP 0 yet"
  fi
}

on_start_exit() {
  local status=$? role
  ((status != 0)) || return 0
  echo "[real-ptp4l-bench] start FAILED; ptp4l logs follow" >&2
  for role in gm sl; do
    if [[ -f "$dir/$role.log" ]]; then
      echo "----- $dir/$role.log" >&2
      tail -n 100 "$dir/$role.log" >&2 || true
    fi
  done
  stop_bench "$dir" >&2 || true
}

start_bench() {
  derive_names "$1"
  local tool
  for tool in ip ptp4l pmc timeout md5sum; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y linuxptp iproute2)" >&2; exit 1; }
  done
  if ((EUID != 0)); then
    echo "needs root (network namespaces); run with sudo" >&2
    exit 1
  fi
  if netns_exists "$gm_netns" || netns_exists "$slave_netns" || netns_exists "$link_netns"; then
    echo "a bench for $dir already exists ($gm_netns / $slave_netns): stop it first: $0 stop $dir" >&2
    exit 1
  fi
  if [[ -e "$dir/bench.env" ]]; then
    echo "$dir/bench.env exists: stop the old bench first: $0 stop $dir" >&2
    exit 1
  fi
  # EXIT, not ERR: an ERR trap is not inherited by functions, and set -e exits from inside them
  trap on_start_exit EXIT
  mkdir -p -- "$dir"
  say "starting a bench in $dir: namespaces $gm_netns, $slave_netns, linked by a bridge in $link_netns"

  ip netns add "$link_netns"
  ip netns add "$gm_netns"
  ip netns add "$slave_netns"
  # a plain L2 link: no STP delay, multicast (PTP's 224.0.1.129) flooded to every port
  ip -n "$link_netns" link add br0 type bridge forward_delay 0 stp_state 0 mcast_snooping 0
  ip -n "$link_netns" link set dev br0 up
  attach_to_link "$gm_netns" "$gm_if" "$GM_MAC" "$GM_ADDRESS"
  attach_to_link "$slave_netns" "$slave_if" "$SLAVE_MAC" "$SLAVE_ADDRESS"

  write_config "$dir/gm.cfg" "$dir/gm.sock" "priority1               10"
  write_config "$dir/sl.cfg" "$dir/sl.sock" "slaveOnly               1"
  start_ptp4l gm "$gm_netns" "$gm_if"
  await_port_state gm "$dir/gm.sock" MASTER
  start_ptp4l sl "$slave_netns" "$slave_if"
  await_port_state sl "$dir/sl.sock" SLAVE declare_slave_synchronization_certain

  cat >"$dir/bench.env.tmp" <<EOF
GM_SOCKET=$dir/gm.sock
SLAVE_SOCKET=$dir/sl.sock
GM_INTERFACE=$gm_if
SLAVE_INTERFACE=$slave_if
GM_CLOCK_ID=$GM_CLOCK_ID
SLAVE_CLOCK_ID=$SLAVE_CLOCK_ID
DOMAIN=$DOMAIN
GM_NETNS=$gm_netns
SLAVE_NETNS=$slave_netns
INTRUDER_CLOCK_ID=$INTRUDER_CLOCK_ID
EOF
  mv -- "$dir/bench.env.tmp" "$dir/bench.env"
  trap - EXIT
  say "ready: $dir/bench.env"
  sed 's/^/  /' "$dir/bench.env"
}

# A third clock joins the bench's link with a better priority1 than the grandmaster's: the best master
# election makes it the grandmaster, and the host's ptp4l leaves MASTER.
intrude_bench() {
  derive_names "$1"
  if [[ ! -f "$dir/bench.env" ]]; then
    echo "no bench in $dir: start it first: $0 start $dir" >&2
    exit 1
  fi
  if netns_exists "$intruder_netns"; then
    echo "a better master already joined the bench of $dir" >&2
    exit 1
  fi
  ip netns add "$intruder_netns"
  attach_to_link "$intruder_netns" "$intruder_if" "$INTRUDER_MAC" "$INTRUDER_ADDRESS"
  write_config "$dir/in.cfg" "$dir/in.sock" "priority1               5"
  start_ptp4l in "$intruder_netns" "$intruder_if"
  await_port_state in "$dir/in.sock" MASTER
  say "a better master ($INTRUDER_CLOCK_ID) is on the link"
}

(($# == 2)) || usage
[[ -n "$2" ]] || usage
case "$1" in
  start) start_bench "$2" ;;
  intrude) intrude_bench "$2" ;;
  stop) stop_bench "$2" ;;
  *) usage ;;
esac
