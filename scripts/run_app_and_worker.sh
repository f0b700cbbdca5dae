#!/usr/bin/env bash
# `make run`: the app (Reflex: UI + API) and the mail/job worker (huey) side by side; Ctrl-C stops both.
#
# Each runs in a process group of its own (set -m), so the terminal's Ctrl-C reaches only this script, which then
# asks both to stop (SIGINT: huey finishes the task in hand, Reflex shuts down its server) and waits for them.
# If either one exits by itself, the other is stopped too, and the exit status is the first one's.
set -u
set -m
PORT="${PORT:-3000}"
VENV="${VENV:-.venv}"

"$VENV/bin/huey_consumer" hr_app.worker.huey --workers 2 --worker-type thread --quiet --delay 0.1 --max-delay 1 &
worker=$!
# reflex run --env prod --single-port, rebuilding the frontend only when its inputs changed (decision 53).
"$VENV/bin/python" scripts/reflex_run.py "$PORT" --loglevel warning &
app=$!

stop() {
    kill -INT -- "-$app" "-$worker" 2>/dev/null
    for _ in $(seq 1 100); do  # up to 10 s, then no more waiting
        kill -0 -- "-$app" 2>/dev/null || kill -0 -- "-$worker" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL -- "-$app" "-$worker" 2>/dev/null
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

wait -n "$app" "$worker"
status=$?
stop
exit "$status"
