# syntax=docker/dockerfile:1
# Build: docker build -t roadshow .
# Run:   docker run -p 8080:8080 -v roadshow-data:/data roadshow serve --demo

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags="-s -w" -o /out/roadshow . \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/roadshow /usr/local/bin/roadshow
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV ROADSHOW_ADDR=0.0.0.0:8080 \
    ROADSHOW_DB=sqlite:/data/roadshow.db \
    ROADSHOW_OUTBOX_DIR=/data/outbox
USER nonroot:nonroot
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/usr/local/bin/roadshow", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/roadshow"]
CMD ["serve"]
