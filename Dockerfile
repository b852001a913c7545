# The production image of every Alertbridge part: one runnable jar, the subcommand picks the part.
#   docker build -t alertbridge .   then   docker run alertbridge process
# It carries alertbridge-server.jar: the parts for real Kafka, SQS and Slack, without the embedded default of
# `alertbridge dev` (in-process Kafka broker, ElasticMQ, local Slack workspace), which ./alertbridge runs from a checkout.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl launcher -am package -DskipTests

FROM eclipse-temurin:17-jre
# fonts-dejavu-core (with fontconfig) gives Java2D the fonts the graphs in Slack messages are drawn with (headless,
# connectors/graphs); without a font package the JRE has no font to render their text.
RUN apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/alertbridge alertbridge \
    && mkdir -p /var/lib/alertbridge && chown alertbridge /var/lib/alertbridge
COPY --from=build /src/launcher/target/alertbridge-server.jar /opt/alertbridge/alertbridge-server.jar
USER alertbridge
WORKDIR /var/lib/alertbridge
ENV ALERTBRIDGE_STATE_DIR=/var/lib/alertbridge \
    ALERTBRIDGE_HTTP_PORT=8080 \
    ALERTBRIDGE_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/alertbridge/alertbridge-server.jar"]
CMD ["--help"]
