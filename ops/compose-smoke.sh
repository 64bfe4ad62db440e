#!/usr/bin/env bash
# The ops stack for real: builds the images, starts docker-compose.yml, waits for every health
# check, posts applications to the HTTP intake and reads their decisions and explanations through
# the dashboard's API, stops scorer-1 and checks that decisions continue through scorer-2, starts
# it again, checks the monitor and the drift of the replay, re-runs the one-shot ingest, then takes
# everything down (docker compose down -v) and checks that no container, network or volume is left.
#
#   ops/compose-smoke.sh            # exit 0 on success; the last line is a one-line summary
#
# It installs and starts what it needs when missing (docker.io and its daemon, docker-compose, the
# runnable jar, the images) and stops the daemon again if it started it. Images: the official ones
# when this engine has them, else the local ones of ops/build-images.sh (SCORING_BASE_IMAGE and
# SCORING_KAFKA_IMAGE choose). A second run finds the images built and starts faster; it also finds
# the volumes of an interrupted run and goes on with them, as an ops re-run would.
#
# Settings (environment): COMPOSE_PROJECT_NAME (default scoring-smoke, so that it never touches a
# stack of another name), SCORING_SMOKE_TIMEOUT (seconds for each wait, default 600),
# SCORING_SMOKE_STRICT_REINGEST (default 1: a decision added by the ingest's re-run fails the run,
# since every history event and application has an identity that the scorer folds once; 0: only
# reported, for a scorer older than that).
set -euo pipefail
# shellcheck source=ops/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=ops/build-images.sh
. "$OPS_DIR/build-images.sh"
cd "$OPS_ROOT"

export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-scoring-smoke}"
export SCORING_ADVISOR_PASSWORD="${SCORING_ADVISOR_PASSWORD:-smoke-$RANDOM$RANDOM}"
export SCORING_MONITOR_INTERVAL="${SCORING_MONITOR_INTERVAL:-10}"
export SCORING_INGEST_RATE="${SCORING_INGEST_RATE:-1000}"
# A bundle in seconds rather than minutes, as the demo trains it: what is checked here is the stack.
export SCORING_TRAIN_ARGS="${SCORING_TRAIN_ARGS:---folds 3 --weighting none --learning-rate 0.1}"
export SCORING_BIND="127.0.0.1"
TIMEOUT="${SCORING_SMOKE_TIMEOUT:-600}"
STRICT_REINGEST="${SCORING_SMOKE_STRICT_REINGEST:-1}"
SERVICES=(kafka scorer-1 scorer-2 explainer monitor dashboard intake)
DASHBOARD="http://127.0.0.1:8080"
INTAKE="http://127.0.0.1:8090"
SAMPLE="${SCORING_DATA:-./data/home-credit-sample}"

STEP="start"
START=$SECONDS
RESULTS=()

step() {
  STEP="$*"
  ops_log "== $STEP"
}

result() {
  RESULTS+=("$*")
  ops_log "   $*"
}

cleanup() {
  local rc=$?
  trap - EXIT
  set +e
  if [ $rc -ne 0 ] && docker info >/dev/null 2>&1; then
    ops_log "failed during: $STEP; the stack as it was:"
    ops_compose ps >&2
    ops_compose logs --no-color --tail 30 >&2 2>&1
  fi
  local left=""
  if docker info >/dev/null 2>&1; then
    ops_log "== docker compose down -v"
    ops_compose down -v --remove-orphans >/dev/null 2>&1
    left="$(leftovers)"
    if [ -n "$left" ]; then
      ops_log "left behind: $left"
      [ $rc -ne 0 ] || rc=1
      STEP="down -v (left behind: $left)"
    fi
  fi
  ops_docker_down
  if [ $rc -eq 0 ]; then
    local joined
    joined="$(printf '%s; ' "${RESULTS[@]}")"
    echo "compose-smoke: OK in $((SECONDS - START)) s: ${joined}down -v: no container, network or volume left"
  else
    echo "compose-smoke: FAILED in $((SECONDS - START)) s during: $STEP"
  fi
  exit $rc
}

# Containers, networks and volumes of this compose project, by compose's own labels.
leftovers() {
  local label="com.docker.compose.project=$COMPOSE_PROJECT_NAME"
  local c n v
  c="$(docker ps -a -q --filter "label=$label" | wc -l)"
  n="$(docker network ls -q --filter "label=$label" | wc -l)"
  v="$(docker volume ls -q --filter "label=$label" | wc -l)"
  [ "$c$n$v" = "000" ] || echo "$c containers, $n networks, $v volumes"
}

container() { ops_compose ps -q "$1" 2>/dev/null | head -1; }

# Waits until a command succeeds, at most TIMEOUT seconds; the command's last output is kept.
wait_for() {
  local what="$1"
  shift
  local t0=$SECONDS
  while ! "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - t0)) -ge "$TIMEOUT" ]; then
      ops_die "$what: not within ${TIMEOUT}s"
    fi
    sleep 3
  done
  echo $((SECONDS - t0))
}

healthy() {
  local id
  id="$(container "$1")"
  [ -n "$id" ] && [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")" = healthy ]
}

exited_ok() {
  local id
  id="$(container "$1")"
  [ -n "$id" ] || return 1
  local state
  state="$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$id")"
  case "$state" in
    "exited 0") return 0 ;;
    exited*) ops_compose logs --no-color --tail 30 "$1" >&2; ops_die "$1 exited with code ${state#exited }" ;;
    *) return 1 ;;
  esac
}

api() { curl -fsS --max-time 20 -u "advisor:$SCORING_ADVISOR_PASSWORD" "$DASHBOARD$1"; }

# A field of a JSON document on stdin, by a Python expression on "d" (python3 ships with Debian and
# with docker-compose).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); v=$1; print('' if v is None else v)"; }

# True when the scorers' consumer group has read everything on its two input topics (Kafka's own
# tool, in the broker's container: the same path in the official and the local image).
scorer_caught_up() {
  ops_compose exec -T kafka /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
      --describe --group scorer 2>/dev/null \
    | awk '$2 == "client-history" || $2 == "loan-applications" { n++; if ($6 != "0") behind = 1 }
           END { exit (n > 0 && !behind) ? 0 : 1 }'
}

stats_decisions() { api /api/stats | json "d['decisions']"; }

# Waits until the dashboard's decision count reaches at least $1 and holds still for 15 s.
settled_decisions() {
  local want="$1" last=-1 same=0 now t0=$SECONDS
  while true; do
    now="$(stats_decisions 2>/dev/null || echo -1)"
    if [ "$now" = "$last" ] && [ "$now" -ge "$want" ]; then
      same=$((same + 5))
      [ $same -lt 15 ] || break
    else
      same=0
    fi
    last="$now"
    [ $((SECONDS - t0)) -lt "$TIMEOUT" ] || ops_die "decisions: $now after ${TIMEOUT}s, expected at least $want"
    sleep 5
  done
  echo "$now"
}

# N applications of the sample as an origination system would send them (Kaggle columns, JSON),
# for new clients: ids from $1 on. Prints one JSON document per line.
applications() {
  python3 - "$1" "$2" "$SAMPLE/application_train.csv.gz" <<'PY'
import csv, gzip, json, sys
first, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with gzip.open(path, "rt", newline="") as f:
    for i, row in enumerate(csv.DictReader(f)):
        if i >= count:
            break
        body = {}
        for k, v in row.items():
            if k == "TARGET" or v == "":
                continue
            try:
                body[k] = int(v)
            except ValueError:
                try:
                    body[k] = float(v)
                except ValueError:
                    body[k] = v
        body["SK_ID_CURR"] = first + i
        print(json.dumps(body))
PY
}

# Posts applications for clients $1..$1+$2-1 to the intake; each must get 202.
post_applications() {
  local code line
  while IFS= read -r line; do
    code="$(curl -sS -o /tmp/ops-smoke-post.json -w '%{http_code}' --max-time 20 \
      -u "advisor:$SCORING_ADVISOR_PASSWORD" -H 'Content-Type: application/json' -d "$line" "$INTAKE/api/applications")"
    [ "$code" = 202 ] || { cat /tmp/ops-smoke-post.json >&2; ops_die "intake answered $code"; }
  done < <(applications "$1" "$2")
}

# True when the dashboard shows client $1's decision with the explainer's explanation.
explained() {
  local source
  source="$(api "/api/clients/$1" | json "(d.get('explanation') or {}).get('source') if d.get('decision') else None")"
  [ "$source" = explainer ]
}

all_explained() {
  local id
  for id in $(seq "$1" $(($1 + $2 - 1))); do
    explained "$id" || return 1
  done
}

main() {
  trap cleanup EXIT
  # Interrupted (Ctrl-C, a CI timeout): still take the stack down and stop the engine started here.
  trap 'exit 130' INT
  trap 'exit 143' TERM

  step "Docker engine and tools"
  ops_docker_up
  command -v python3 >/dev/null 2>&1 || ops_apt_install python3
  command -v curl >/dev/null 2>&1 || ops_apt_install curl
  ops_compose version 2>/dev/null | head -1 | sed 's/^/[ops] compose: /' >&2

  step "images"
  ops_choose_images
  if [ ! -f app/target/scoring.jar ]; then
    ops_log "building the runnable jar"
    mvn -B -q -DskipTests -Djmh.jar.skip=true -pl app -am package
  fi
  local t0=$SECONDS
  build_base
  build_kafka
  build_scoring
  result "images in $((SECONDS - t0)) s (Kafka $SCORING_KAFKA_IMAGE)"

  local left
  left="$(leftovers)"
  if [ -n "$left" ]; then
    ops_log "leftovers of an earlier run of $COMPOSE_PROJECT_NAME: $left (kept: compose goes on with them)"
  fi

  step "docker compose up"
  t0=$SECONDS
  ops_compose up -d --no-build >&2
  local s waited
  for s in "${SERVICES[@]}"; do
    waited="$(wait_for "$s healthy" healthy "$s")"
    ops_log "   $s healthy"
  done
  exited_ok train || ops_die "train has not finished although the scorers run"
  result "${#SERVICES[@]} services healthy $((SECONDS - t0)) s after up"

  step "the one-shot ingest replays the sample"
  t0=$SECONDS
  wait_for "ingest finished" exited_ok ingest >/dev/null
  wait_for "the scorers read the replay" scorer_caught_up >/dev/null
  local expected
  expected="$(($(zcat "$SAMPLE/application_train.csv.gz" | wc -l) - 1))"
  local replayed
  replayed="$(settled_decisions "$expected")"
  result "replay: $replayed decisions for $expected applications in $((SECONDS - t0)) s"

  # New clients, never in the sample: ids far above the Kaggle range, different on every run.
  local base=$((90000000 + (RANDOM % 9000) * 1000))
  step "applications through the intake, decisions and explanations through the dashboard"
  t0=$SECONDS
  post_applications "$base" 8
  waited="$(wait_for "8 posted applications explained" all_explained "$base" 8)"
  result "8 posted applications decided and explained in $((SECONDS - t0)) s"

  step "failover: scorer-1 stopped, decisions through scorer-2"
  ops_compose stop scorer-1 >&2
  t0=$SECONDS
  post_applications $((base + 100)) 8
  waited="$(wait_for "8 applications explained without scorer-1" all_explained $((base + 100)) 8)"
  local id answered=0
  for id in $(seq $((base + 100)) $((base + 107))); do
    curl -fsS --max-time 10 -u "advisor:$SCORING_ADVISOR_PASSWORD" "http://127.0.0.1:8083/clients/$id/decision" >/dev/null && answered=$((answered + 1))
  done
  [ "$answered" = 8 ] || ops_die "scorer-2's query route knows $answered of the 8 decisions"
  result "failover: 8 decided by scorer-2 alone in $((SECONDS - t0)) s"
  ops_compose start scorer-1 >&2
  waited="$(wait_for "scorer-1 healthy again" healthy scorer-1)"
  result "scorer-1 back in ${waited} s"

  step "the monitor and the drift of the replay"
  t0=$SECONDS
  waited="$(wait_for "a monitoring snapshot over the replay" \
    sh -c "curl -fsS -u 'advisor:$SCORING_ADVISOR_PASSWORD' $DASHBOARD/api/monitoring \
      | python3 -c 'import json,sys; l=json.load(sys.stdin)[\"latest\"]; sys.exit(0 if l and l[\"windowDecisions\"] >= 1000 else 1)'")"
  local drift
  drift="$(api /api/monitoring | json "'%s %s/%s %.3f' % (d['latest']['datasetDrift'], d['latest']['featuresDrifted'], d['latest']['featuresCompared'], d['latest']['scorePsi'])")"
  set -- $drift
  # The replay is the very population the model was trained on: no drift is the right answer.
  [ "$1" = False ] || ops_die "the monitor reports dataset drift on the training population itself: $drift"
  result "monitor: dataset drift $1 ($2 features drifted), score PSI $3"

  step "the one-shot ingest run again"
  local before
  before="$(stats_decisions)"
  t0=$SECONDS
  ops_compose up -d --no-build --no-deps ingest >&2
  wait_for "ingest finished again" exited_ok ingest >/dev/null
  wait_for "the scorers read the replay again" scorer_caught_up >/dev/null
  local after
  after="$(settled_decisions "$before")"
  local duplicated=$((after - before))
  if [ "$duplicated" -ne 0 ]; then
    if [ "$STRICT_REINGEST" = 1 ]; then
      ops_die "the ingest's re-run gave $duplicated more decisions ($before then $after)"
    fi
    ops_log "   WARNING: the ingest's re-run gave $duplicated duplicated decisions"
  fi
  result "ingest re-run: $duplicated duplicated decisions"

  STEP="done"
}

main "$@"
