# Shared by ops/*.sh and .ci/run (sourced, not run): the Docker engine, compose and the images.
#
# Everything here installs or starts only what is missing, and what it starts it stops again:
# ops_docker_up starts dockerd only when no engine answers, and ops_docker_down stops only that
# dockerd (by the pid it recorded), never an engine that was running before.

OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OPS_ROOT="$(cd "$OPS_DIR/.." && pwd)"

# Image names and their defaults. The official images stay the defaults of the Dockerfile and of
# docker-compose.yml; the local ones are what ops/build-images.sh builds from Debian's packages and
# Maven Central where the official ones cannot be pulled.
OPS_OFFICIAL_BASE="eclipse-temurin:17-jre"
OPS_OFFICIAL_KAFKA="apache/kafka:4.2.1"
OPS_LOCAL_BASE="pret-a-depenser/base:bookworm-jre17"
OPS_LOCAL_KAFKA="pret-a-depenser/kafka:4.2.1"
OPS_SCORING_IMAGE="pret-a-depenser/scoring:0.1.0"

OPS_STARTED_DOCKERD_PID=""

ops_log() { echo "[ops $(date +%H:%M:%S)] $*" >&2; }

ops_die() {
  ops_log "FAILED: $*"
  exit 1
}

ops_sudo() {
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi
}

# Installs Debian packages that are missing (one apt-get update per call, only when needed).
ops_apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  ops_log "installing ${missing[*]} from Debian's packages"
  ops_sudo apt-get update -q >/dev/null
  ops_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# The Docker engine: installs docker.io when docker is missing, starts dockerd (overlay2) when no
# engine answers, and waits until it does. The dockerd started here is stopped by ops_docker_down.
ops_docker_up() {
  if ! command -v docker >/dev/null 2>&1 || ! command -v dockerd >/dev/null 2>&1; then
    ops_apt_install docker.io
  fi
  if docker info >/dev/null 2>&1; then
    ops_log "Docker engine already running: $(docker version -f '{{.Server.Version}}' 2>/dev/null)"
    return 0
  fi
  local log="${TMPDIR:-/tmp}/ops-dockerd.log"
  ops_log "starting dockerd (overlay2), log in $log"
  # A simple command in the background, not through a function: $! is then dockerd itself (or
  # sudo, which passes signals on), the process ops_docker_down must stop.
  local cmd=(dockerd --storage-driver overlay2)
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then cmd=(sudo "${cmd[@]}"); fi
  "${cmd[@]}" >"$log" 2>&1 &
  OPS_STARTED_DOCKERD_PID=$!
  local i
  for i in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      ops_log "Docker engine up after ${i}s: $(docker version -f '{{.Server.Version}}')"
      return 0
    fi
    if ! kill -0 "$OPS_STARTED_DOCKERD_PID" 2>/dev/null; then
      tail -20 "$log" >&2
      ops_die "dockerd exited at start (its log above)"
    fi
    sleep 1
  done
  tail -20 "$log" >&2
  ops_die "dockerd did not answer within 60 s"
}

# Stops the dockerd that ops_docker_up started (SIGTERM: it stops its containers cleanly), if any.
ops_docker_down() {
  [ -n "$OPS_STARTED_DOCKERD_PID" ] || return 0
  ops_log "stopping the dockerd started here (pid $OPS_STARTED_DOCKERD_PID)"
  ops_sudo kill -TERM "$OPS_STARTED_DOCKERD_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 30); do
    kill -0 "$OPS_STARTED_DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$OPS_STARTED_DOCKERD_PID" 2>/dev/null; then
    ops_log "dockerd still running after 30 s: SIGKILL"
    ops_sudo kill -KILL "$OPS_STARTED_DOCKERD_PID" 2>/dev/null || true
  fi
  OPS_STARTED_DOCKERD_PID=""
}

# Compose: the v2 plugin ("docker compose") where it exists, else Debian's docker-compose (v1),
# installed when neither is there. Both read the same file.
ops_compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  else
    if ! command -v docker-compose >/dev/null 2>&1; then ops_apt_install docker-compose; fi
    docker-compose "$@"
  fi
}

ops_image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Chooses the images when the caller did not: the official ones when this engine already has them,
# else the local ones (built by ops/build-images.sh). Nothing is pulled here: on a machine that
# reaches the official registry, pull them first (docker pull) or set the variables.
ops_choose_images() {
  if [ -z "${SCORING_BASE_IMAGE:-}" ]; then
    if ops_image_exists "$OPS_OFFICIAL_BASE"; then SCORING_BASE_IMAGE="$OPS_OFFICIAL_BASE"; else SCORING_BASE_IMAGE="$OPS_LOCAL_BASE"; fi
  fi
  if [ -z "${SCORING_KAFKA_IMAGE:-}" ]; then
    if ops_image_exists "$OPS_OFFICIAL_KAFKA"; then SCORING_KAFKA_IMAGE="$OPS_OFFICIAL_KAFKA"; else SCORING_KAFKA_IMAGE="$OPS_LOCAL_KAFKA"; fi
  fi
  export SCORING_BASE_IMAGE SCORING_KAFKA_IMAGE
  ops_log "images: base $SCORING_BASE_IMAGE, Kafka $SCORING_KAFKA_IMAGE"
}
