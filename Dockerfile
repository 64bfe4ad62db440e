# One image for every service of docker-compose.yml: the runnable jar, which holds all the
# subcommands (scorer, explainer, monitor, dashboard, ingest, intake, train).
# Build the jar first (it needs the machine's npm for the dashboard's front end):
#   mvn -B -DskipTests -Djmh.jar.skip=true -pl app -am package
#   docker build -t pret-a-depenser/scoring:0.1.0 .                       (official base)
#   docker build --build-arg BASE_IMAGE=pret-a-depenser/base:bookworm-jre17 -t pret-a-depenser/scoring:0.1.0 .
# BASE_IMAGE: any Debian-like image; the official Java 17 runtime by default, or the local base that
# ops/build-images.sh makes from Debian's packages where that one cannot be pulled.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
# curl for the health checks of docker-compose.yml, GNU OpenMP (LightGBM's native library, which
# "train" and the what-if load, needs libgomp), and Debian's Java 17 runtime when the base has no
# java; nothing is installed when the base has them all (the local base does).
RUN set -eu; \
    pkgs=""; \
    command -v curl >/dev/null 2>&1 || pkgs="curl"; \
    dpkg -s libgomp1 >/dev/null 2>&1 || pkgs="$pkgs libgomp1"; \
    command -v java >/dev/null 2>&1 || pkgs="$pkgs openjdk-17-jre-headless"; \
    if [ -n "$pkgs" ]; then \
      apt-get update; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $pkgs; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    useradd --system --create-home --uid 10001 scoring; \
    mkdir -p /models /state; \
    chown scoring:scoring /models /state
WORKDIR /app
COPY app/target/scoring.jar /app/scoring.jar
# Not root: the services need no privilege. /models and /state belong to the user so that named
# volumes mounted there start with that owner (the model bundle that "train" writes in
# /models/bundle, the scorers' state).
USER scoring
# The model bundle and the data come from volumes (see docker-compose.yml).
ENTRYPOINT ["java", "-jar", "/app/scoring.jar"]
