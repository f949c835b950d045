# sfn-local in a container: the same install script and build as `make run`.
FROM debian:bookworm-slim AS build
WORKDIR /src
COPY . .
RUN ./scripts/install-deps.sh \
 && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSFN_BUILD_TESTS=OFF -DSFN_BUILD_BENCH=OFF \
 && cmake --build build -j "$(nproc)" --target sfn-local

FROM debian:bookworm-slim
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libcpp-httplib0.11 libssl3 libyaml-cpp0.7 libgvc6 libcgraph6 libmimalloc2.0 python3 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/sfn-local /usr/local/bin/sfn-local
COPY --from=build /src/samples /opt/sfn-local/samples
EXPOSE 8083
# python3 is in the image for exec handlers; it also probes the readiness endpoint.
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 \
  CMD ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8083/health', timeout=2)"]
ENTRYPOINT ["sfn-local", "serve", "--host", "0.0.0.0", "--port", "8083"]
CMD ["--config", "/opt/sfn-local/samples/routes.json"]
