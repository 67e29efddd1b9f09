# Process and namespace helpers shared by the bench scripts (sourced; each script defines say, TERM_GRACE_S,
# KILL_GRACE_S, and for stop_bench its own derive_names, stop_processes and remove_network).

netns_exists() {
  ip netns list | awk '{print $1}' | grep -qx -- "$1"
}

# A zombie still answers kill -0 but has exited; the state letter follows the ")" closing the command name.
process_alive() {
  local pid="$1" stat state
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  state="$(sed -e 's/^.*) //' <<<"$stat" | cut -d' ' -f1)"
  [[ "$state" != "Z" && "$state" != "X" ]]
}

await_exit() {
  local pid="$1" seconds="$2" waited_tenths=0
  while process_alive "$pid"; do
    if ((waited_tenths >= seconds * 10)); then
      return 1
    fi
    sleep 0.1
    waited_tenths=$((waited_tenths + 1))
  done
}

stop_process() {
  local pid="$1" what="$2"
  if ! process_alive "$pid"; then
    return 0
  fi
  say "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! await_exit "$pid" "$TERM_GRACE_S"; then
    say "$what (pid $pid) ignored SIGTERM for ${TERM_GRACE_S}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    await_exit "$pid" "$KILL_GRACE_S" || say "warning: $what (pid $pid) still alive after SIGKILL"
  fi
}

# Stops what the bench of DIR started (processes, then its network), then removes DIR.
stop_bench() {
  derive_names "$1"
  say "stopping the bench of $dir"
  stop_processes
  remove_network
  if [[ -e "$dir" ]]; then
    say "removing $dir"
    rm -rf -- "$dir"
  fi
  say "stopped"
}
