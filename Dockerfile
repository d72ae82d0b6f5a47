# Headroom proxy image: a Maven build stage, then a JRE-only runtime as a non-root user.
#   docker build -t headroom .
#   docker run -d -p 8787:8787 -e HEADROOM_PROXY_TOKEN=change-me -v headroom-data:/home/headroom/.headroom headroom
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -pl headroom-cli -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 headroom \
 && useradd --system --uid 10001 --gid headroom --create-home --home-dir /home/headroom headroom
COPY --from=build /src/headroom-cli/target/headroom.jar /opt/headroom/headroom.jar
USER headroom:headroom
ENV HEADROOM_HOME=/home/headroom/.headroom
VOLUME ["/home/headroom/.headroom"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["java", "-cp", "/opt/headroom/headroom.jar", "dev.headroom.cli.LivezProbe", "http://127.0.0.1:8787/livez"]
# Listening on every interface, the proxy refuses to start without HEADROOM_PROXY_TOKEN.
ENTRYPOINT ["java", "-jar", "/opt/headroom/headroom.jar", "proxy", "--host", "0.0.0.0"]
