# Redis from Debian on the local base, for the compose file's "several" profile where no registry
# image (redis:7-bookworm) can be pulled: test/container/run.mjs builds it as mexc-live-redis:local.
ARG BASE=mexc-live-base:node22-bookworm
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
USER redis
CMD ["redis-server", "--save", "", "--appendonly", "no"]
