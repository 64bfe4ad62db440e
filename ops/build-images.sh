#!/usr/bin/env bash
# Builds the images that docker-compose.yml and the Testcontainers test need, from the project's
# files only, where the official ones cannot be pulled:
#
#   base   pret-a-depenser/base:bookworm-jre17  Debian bookworm (debootstrap, minbase) with Debian's
#          OpenJDK 17 JRE, curl and libgomp1 (LightGBM), loaded with docker import; only when missing.
#   kafka  pret-a-depenser/kafka:4.2.1  Kafka's own jars from Maven Central (ops/kafka/pom.xml) on
#          SCORING_BASE_IMAGE (that local base by default), with the apache/kafka image's
#          environment contract (ops/kafka/); only when missing.
#   scoring  pret-a-depenser/scoring:0.1.0  the Dockerfile on SCORING_BASE_IMAGE (needs
#          app/target/scoring.jar); always rebuilt (Docker's cache makes an unchanged jar cheap).
#
# Usage: ops/build-images.sh [base] [kafka] [scoring]     (no argument: all three)
# SCORING_BASE_IMAGE / SCORING_KAFKA_IMAGE: when set to another image (e.g. the official ones),
# that image is used as it is and nothing is built for it.
set -euo pipefail
# shellcheck source=ops/lib.sh
. "$(dirname "$0")/lib.sh"

build_base() {
  if [ "${SCORING_BASE_IMAGE:-$OPS_LOCAL_BASE}" != "$OPS_LOCAL_BASE" ]; then
    ops_log "base: using $SCORING_BASE_IMAGE as it is"
    return 0
  fi
  if ops_image_exists "$OPS_LOCAL_BASE"; then
    ops_log "base: $OPS_LOCAL_BASE already built"
    return 0
  fi
  ops_apt_install debootstrap
  # The mirror this machine's apt already uses (first deb URI of its sources), so that no host is
  # named here; debootstrap's own default when none is found.
  local mirror
  mirror="$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v -i security | head -1 || true)"
  if [ -z "$mirror" ]; then
    mirror="$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) bookworm .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -1 || true)"
  fi
  local root
  root="$(mktemp -d "${TMPDIR:-/tmp}/ops-base.XXXXXX")"
  ops_log "base: debootstrap bookworm (minbase, JRE 17, curl, libgomp1) into $root (mirror: the one in this machine's apt sources)"
  local start=$SECONDS
  if ! ops_sudo debootstrap --variant=minbase \
      --include=openjdk-17-jre-headless,curl,ca-certificates,libgomp1 \
      bookworm "$root" ${mirror:+"$mirror"} >"$root.log" 2>&1; then
    tail -20 "$root.log" >&2
    ops_sudo rm -rf "$root"
    ops_die "debootstrap failed (its log: $root.log)"
  fi
  # Smaller image, nothing machine-specific: no package lists, caches or docs.
  ops_sudo rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
    "$root"/var/cache/apt/archives/*.deb "$root"/usr/share/doc/* "$root"/usr/share/man/*
  ops_sudo tar -C "$root" -c . | docker import \
    -c 'ENV LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' - "$OPS_LOCAL_BASE" >/dev/null
  ops_sudo rm -rf "$root" "$root.log"
  ops_log "base: $OPS_LOCAL_BASE built in $((SECONDS - start)) s"
}

build_kafka() {
  if [ "${SCORING_KAFKA_IMAGE:-$OPS_LOCAL_KAFKA}" != "$OPS_LOCAL_KAFKA" ]; then
    ops_log "kafka: using $SCORING_KAFKA_IMAGE as it is"
    return 0
  fi
  if ops_image_exists "$OPS_LOCAL_KAFKA"; then
    ops_log "kafka: $OPS_LOCAL_KAFKA already built"
    return 0
  fi
  # On the chosen base: the local one (built when missing) or any Debian-like image with java.
  local base="${SCORING_BASE_IMAGE:-$OPS_LOCAL_BASE}"
  [ "$base" != "$OPS_LOCAL_BASE" ] || build_base
  local start=$SECONDS
  # Kafka's version is the project's (root pom's kafka.version): one place to change it.
  local version
  version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$OPS_ROOT/pom.xml" | head -1)"
  [ -n "$version" ] || ops_die "no kafka.version in $OPS_ROOT/pom.xml"
  [ "$OPS_LOCAL_KAFKA" = "pret-a-depenser/kafka:$version" ] \
    || ops_die "ops/lib.sh names $OPS_LOCAL_KAFKA but the root pom has Kafka $version: update lib.sh"
  ops_log "kafka: Kafka $version's jars from Maven Central (ops/kafka/pom.xml)"
  # Offline first (the jars are usually in ~/.m2 already), online when something is missing.
  if ! mvn -B -q -o -f "$OPS_DIR/kafka/pom.xml" -Dkafka.version="$version" package >/dev/null 2>&1; then
    mvn -B -q -f "$OPS_DIR/kafka/pom.xml" -Dkafka.version="$version" package
  fi
  docker build -q -t "$OPS_LOCAL_KAFKA" --build-arg BASE_IMAGE="$base" \
    --build-arg KAFKA_VERSION="$version" "$OPS_DIR/kafka" >/dev/null
  ops_log "kafka: $OPS_LOCAL_KAFKA built in $((SECONDS - start)) s"
}

build_scoring() {
  local base="${SCORING_BASE_IMAGE:-$OPS_LOCAL_BASE}"
  [ "$base" != "$OPS_LOCAL_BASE" ] || build_base
  [ -f "$OPS_ROOT/app/target/scoring.jar" ] \
    || ops_die "app/target/scoring.jar is missing: mvn -B -DskipTests -Djmh.jar.skip=true -pl app -am package"
  local start=$SECONDS
  docker build -q -t "$OPS_SCORING_IMAGE" --build-arg BASE_IMAGE="$base" "$OPS_ROOT" >/dev/null
  ops_log "scoring: $OPS_SCORING_IMAGE built on $base in $((SECONDS - start)) s"
}

main() {
  ops_docker_up
  trap ops_docker_down EXIT
  ops_choose_images
  local what=("$@")
  [ ${#what[@]} -gt 0 ] || what=(base kafka scoring)
  local w
  for w in "${what[@]}"; do
    case "$w" in
      base) build_base ;;
      kafka) build_kafka ;;
      scoring) build_scoring ;;
      *) ops_die "unknown image '$w' (base, kafka or scoring)" ;;
    esac
  done
}

# Sourced by compose-smoke.sh for its functions; run as a command otherwise.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi
