# vtrest in a container: `docker build -t vtrest .` then
#   docker run -p 8080:8080 -e VTIGER_DB_URL=mysql://vtrest:secret@db:3306/vtiger vtrest
# Deno's official image; pin the version the project is tested with.
ARG DENO_VERSION=2.9.6
FROM denoland/deno:${DENO_VERSION}

WORKDIR /app

# Dependencies first (every import of deno.json, from the lock file), so that a code change
# does not download them again; then the code, whose own modules are cached in a second step.
COPY deno.json deno.lock ./
RUN deno install --frozen-lockfile
COPY . .
RUN deno install --frozen-lockfile --entrypoint main.ts serve.ts adapters/mysql/migrate_command.ts

# The image's unprivileged user: the service writes nothing in the image. Documents' uploads
# go to VTIGER_ROOT's storage/, a volume the deno user must be able to write.
USER deno

# Docker sets HOSTNAME to the container id: vtrest listens on LISTEN_HOST, never on HOSTNAME.
ENV LISTEN_HOST=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json \
    LOG_LEVEL=info \
    SHUTDOWN_GRACE_SECONDS=10
EXPOSE 8080

# docker stop sends SIGTERM: vtrest drains requests in flight, then exits 0.
STOPSIGNAL SIGTERM
CMD ["deno", "task", "start"]
