# syntax=docker/dockerfile:1
#
# StoreOps: a static, non-root image.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t storeops .
#   docker run --rm -p 8080:8080 \
#     -e SLACK_BOT_TOKEN=xoxb-… -e SLACK_SIGNING_SECRET=… \
#     -e DATABASE_URL=mysql://user:pass@db:3306/storeops -e REDIS_URL=redis://redis:6379/0 \
#     storeops
#
# The default DATABASE_URL (an SQLite file in the working directory) and the in-process Redis
# are for trying StoreOps on a laptop, not for containers: the file lives in the container's
# writable layer and is lost with it, and every replica would have its own. In a container,
# set DATABASE_URL (and REDIS_URL when running more than one replica).

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION} AS build
WORKDIR /src
# Dependencies first, so that they are cached while only the code changes.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# Pure Go (SQLite via glebarez/sqlite, no cgo): a static binary. Time zones are embedded
# with time/tzdata (imported in config.go).
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/storeops . && mkdir -p /out/home

# An empty base: the static binary, CA certificates for Slack's HTTPS and nothing else (no
# shell). Time zones come embedded in the binary (time/tzdata).
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/storeops /storeops
# A writable working directory for the non-root user, where the SQLite default would land.
COPY --from=build --chown=65532:65532 /out/home /home/storeops
WORKDIR /home/storeops
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/storeops"]
CMD ["serve"]
