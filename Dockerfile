# One image for every service of docker-compose.yml: the runnable jar, which holds all the
# subcommands (scorer, explainer, dashboard, ingest, intake, train).
# Build the jar first (it needs the machine's npm for the dashboard's front end):
#   mvn -B -DskipTests -Djmh.jar.skip=true -pl app -am package
FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY app/target/scoring.jar /app/scoring.jar
# The model bundle and the data come from volumes (see docker-compose.yml).
ENTRYPOINT ["java", "-jar", "/app/scoring.jar"]
