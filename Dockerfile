# syntax=docker/dockerfile:1.7
# The image of every Modelway service, built from the repository root:
#   docker build --build-arg MODULE=serving-api --build-arg PORT=8080 --build-arg MANAGEMENT_PORT=8180 \
#     --build-arg HEAP_PERCENT=40 -t modelway/serving-api .
# MODULE: the service's module; PORT and MANAGEMENT_PORT: its ports (ARCHITECTURE.md); HEAP_PERCENT: the heap's
# share of the container's memory: 40 for the services that score or train with ND4J, whose arrays live off the
# heap (JavaCPP caps the process at twice the heap by default), 75 for the others. docker-compose.yml sets all four.
ARG MODULE

FROM eclipse-temurin:17-jdk-jammy AS build
ARG MODULE
RUN test -n "${MODULE}" || { echo "--build-arg MODULE=<service module> is required" >&2; exit 1; }
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl "${MODULE}" -am package -DskipTests \
 && cp "${MODULE}"/target/"${MODULE}"-*-exec.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --destination /app

FROM eclipse-temurin:17-jre-jammy
ARG MODULE
ARG PORT
ARG MANAGEMENT_PORT
ARG HEAP_PERCENT=75
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app modelway
WORKDIR /app
COPY --from=build /app /app
USER 10001
LABEL org.opencontainers.image.title="modelway/${MODULE}"
ENV PORT=${PORT} \
    MANAGEMENT_PORT=${MANAGEMENT_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=${HEAP_PERCENT} -Djava.io.tmpdir=/tmp -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp" \
    OMP_NUM_THREADS=1
EXPOSE ${PORT}
# The management port: metrics and the actuator, for Prometheus only.
EXPOSE ${MANAGEMENT_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/readyz" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
