# syntax=docker/dockerfile:1
# The gwapi reference controller (`gwapi-controller`), built from this workspace:
#   docker build -t gwapi-controller .
# Stage 1 builds the release binary; stage 2 is a distroless image with no shell that runs it as the
# unprivileged user 65532. The gwapi-xds descriptors are embedded at build time (no protoc needed).
FROM docker.io/library/rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p gwapi-controller \
    && install -D -m 0755 target/release/gwapi-controller /out/gwapi-controller

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/gwapi-controller /usr/local/bin/gwapi-controller
USER 65532:65532
EXPOSE 18000 19000
ENTRYPOINT ["/usr/local/bin/gwapi-controller"]
CMD ["run"]
