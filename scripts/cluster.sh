#!/usr/bin/env bash
# `make cluster`: hr_app as several machines would run it, on this one. HAProxy (Debian's package) on CLUSTER_PORT
# in front of two app nodes from this checkout (NODE_PORTS), which share PostgreSQL (DATABASE_URL), Redis
# (REDIS_URL), the file storage (STORAGE_URL, or this machine's UPLOAD_DIR) and SECRET_KEY; plus the mail/job
# worker (huey), once. Ctrl-C (or SIGTERM) stops everything; a node that dies leaves the others serving.
#
# Each process is a process group of its own with its pid in CLUSTER_DIR/<name>.pid (tests/e2e/test_cluster.py
# kills a node by it), its output in CLUSTER_DIR/<name>.log. The first node builds the production frontend
# when its inputs changed (decision 53); the other nodes reuse that build (decision 76).
set -u
set -m
CLUSTER_PORT="${CLUSTER_PORT:-3000}"
NODE_PORTS="${NODE_PORTS:-3001 3002}"
NODE_WORKERS="${NODE_WORKERS:-1}"
CLUSTER_DIR="${CLUSTER_DIR:-.cluster}"
VENV="${VENV:-.venv}"
PUBLIC_URL="${PUBLIC_URL:-http://localhost:$CLUSTER_PORT}"
names=()

fail() { echo "cluster: $*" >&2; [ "${#names[@]}" -eq 0 ] || stop; exit 2; }
case "${DATABASE_URL:-}" in postgresql*) ;; *) fail "DATABASE_URL must be a PostgreSQL URL every node reaches" ;; esac
[ -n "${REDIS_URL:-}" ] || fail "REDIS_URL must be set (page state, live board, rate limits and the job queue)"
command -v haproxy >/dev/null || fail "haproxy is not installed (make cluster installs it from Debian's packages)"
[ -n "${STORAGE_URL:-}" ] || echo "cluster: STORAGE_URL unset: the nodes share this machine's UPLOAD_DIR" >&2

mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR="$(cd "$CLUSTER_DIR" && pwd)"  # absolute: HAProxy's admin socket needs a path it cannot misread
# Every node builds its pages for the balancer's address, so the nodes' ports are not in the build.
export PUBLIC_URL REFLEX_API_URL="$PUBLIC_URL" REFLEX_DEPLOY_URL="$PUBLIC_URL" GRANIAN_WORKERS="$NODE_WORKERS"
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-127.0.0.1}"

start() {  # start NAME COMMAND...: a process group of its own, logged, its pid kept
    local name=$1
    shift
    "$@" >"$CLUSTER_DIR/$name.log" 2>&1 &
    echo $! >"$CLUSTER_DIR/$name.pid"
    names+=("$name")
}

wait_serving() {  # wait_serving NAME PORT: until NAME answers /ping on PORT, or it exited
    local started=$SECONDS
    until curl -fs -o /dev/null "http://127.0.0.1:$2/ping"; do
        kill -0 "$(cat "$CLUSTER_DIR/$1.pid")" 2>/dev/null || { tail -n 40 "$CLUSTER_DIR/$1.log" >&2; fail "$1 exited"; }
        [ $((SECONDS - started)) -lt 300 ] || fail "$1 did not serve within 300 s"
        sleep 0.2
    done
    echo "cluster: $1 serving on port $2 after $((SECONDS - started)) s"
}

stop() {
    for name in "${names[@]}"; do kill -INT -- "-$(cat "$CLUSTER_DIR/$name.pid")" 2>/dev/null; done
    for _ in $(seq 1 100); do  # up to 10 s, then no more waiting
        alive=0
        for name in "${names[@]}"; do kill -0 -- "-$(cat "$CLUSTER_DIR/$name.pid")" 2>/dev/null && alive=1; done
        [ "$alive" = 0 ] && return 0
        sleep 0.1
    done
    for name in "${names[@]}"; do kill -KILL -- "-$(cat "$CLUSTER_DIR/$name.pid")" 2>/dev/null; done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# The load balancer: round robin, a node out after one failed check (every 500 ms), a request whose connection a
# dead node refused sent to another (retry-on conn-failure: a request a node may have started is never resent).
servers=""
index=0
for port in $NODE_PORTS; do
    index=$((index + 1))
    servers+="    server node$index 127.0.0.1:$port check inter 500ms fall 1 rise 2"$'\n'
done
cat >"$CLUSTER_DIR/haproxy.cfg" <<EOF
global
    maxconn 1024
    stats socket $CLUSTER_DIR/haproxy.sock mode 600 level admin
defaults
    mode http
    option http-server-close
    option forwardfor
    option redispatch
    retries 3
    retry-on conn-failure
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
frontend hr_app
    bind 127.0.0.1:$CLUSTER_PORT
    default_backend nodes
backend nodes
    balance roundrobin
    http-response set-header X-Hr-App-Node %[srv_name]
    option httpchk GET /ping
    http-check expect status 200
$servers
EOF

"$VENV/bin/alembic" upgrade head >"$CLUSTER_DIR/migrate.log" 2>&1 || { cat "$CLUSTER_DIR/migrate.log" >&2; fail "migration failed"; }
index=0
for port in $NODE_PORTS; do  # one after the other: the first builds when needed, the next reuse its build
    index=$((index + 1))
    start "node$index" "$VENV/bin/python" scripts/reflex_run.py "$port" --loglevel warning
    wait_serving "node$index" "$port"
done
# The balancer last: it starts with every node up, so its first request can go to any of them.
start balancer haproxy -W -db -f "$CLUSTER_DIR/haproxy.cfg"
wait_serving balancer "$CLUSTER_PORT"
start worker "$VENV/bin/huey_consumer" hr_app.worker.huey --workers 2 --worker-type thread --quiet --delay 0.1 --max-delay 1
echo "cluster: serving on $PUBLIC_URL (HAProxy on port $CLUSTER_PORT; nodes on $NODE_PORTS; one worker)"

wait "$(cat "$CLUSTER_DIR/balancer.pid")"  # the cluster lives as long as its balancer
status=$?
stop
exit "$status"
