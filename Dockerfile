# mexc-live in a container: `docker compose up` (compose.yaml), or
#   docker build -t mexc-live .
#   docker run -p 127.0.0.1:8787:8787 -v mexc-live-data:/data mexc-live
# Without a registry (no Docker Hub), build from a Debian base made here with Node 22 from npm:
#   test/container/localBase.sh && docker build --build-arg NODE_IMAGE=mexc-live-base:node22-bookworm .
# A registry mirror with its own CA: pass both as build secrets; they never reach a layer:
#   docker build --secret id=npmrc,src=$HOME/.npmrc --secret id=ca,src=/path/ca.pem .
# docs/deploy.md says how to run it, upgrade it and give it keys.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: every dependency, the compiled packages and the dashboard, then production deps only
FROM ${NODE_IMAGE} AS build
# better-sqlite3 builds from source (python3, make, g++) against the headers under /usr/local
# (node-gyp would download them from nodejs.org), the same way on every base.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
    npm_config_build_from_source=true \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
WORKDIR /app
# The manifests first: the dependency layer is rebuilt only when one of them changes.
COPY package.json package-lock.json ./
COPY packages/protocol/package.json packages/protocol/
COPY packages/contract/package.json packages/contract/
COPY packages/alerts/package.json packages/alerts/
COPY packages/simulator/package.json packages/simulator/
COPY packages/client/package.json packages/client/
COPY packages/gateway/package.json packages/gateway/
COPY packages/web/package.json packages/web/
# The registry setting and CA bundle are mounted for this one command only (BuildKit secrets).
RUN --mount=type=secret,id=npmrc,required=false \
    --mount=type=secret,id=ca,required=false \
    if [ -s /run/secrets/npmrc ]; then export NPM_CONFIG_USERCONFIG=/run/secrets/npmrc; fi; \
    if [ -s /run/secrets/ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca npm_config_cafile=/run/secrets/ca; fi; \
    npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 esbuild
COPY tsconfig.base.json tsconfig.build.json ./
COPY packages ./packages
RUN npm run --silent build
# Production dependencies only. The gateway serves the dashboard's build (packages/web/dist) and
# needs none of the libraries it was bundled from, so @mexc-live/web loses its dependencies here.
RUN node -e 'const f="packages/web/package.json",p=require("./"+f);p.dependencies={};require("fs").writeFileSync(f,JSON.stringify(p,null,2))' \
 && npm prune --omit=dev --ignore-scripts \
 && mkdir -p /out/packages \
 && for p in protocol contract alerts simulator client gateway web; do \
      mkdir -p /out/packages/$p && cp -a packages/$p/package.json packages/$p/dist /out/packages/$p/; \
    done \
 && cp -a packages/gateway/bin /out/packages/gateway/ \
 && cp -a packages/simulator/bin /out/packages/simulator/ \
 && rm -f /out/packages/*/dist/.tsbuildinfo \
 && cp -a node_modules package.json /out/

# ---- node: the base without npm, Node's headers and caches, flattened into one layer
FROM ${NODE_IMAGE} AS node
RUN rm -rf /usr/local/include/node /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx \
      /usr/local/bin/corepack /usr/local/bin/yarn* /opt/yarn* /usr/share/doc /usr/share/man \
      /var/lib/apt/lists/* /var/cache/apt/*.bin /tmp/* \
 && groupadd --system --gid 10001 mexc && useradd --system --uid 10001 --gid mexc --home-dir /data mexc \
 && mkdir -p /data && chown mexc:mexc /data && chmod 0700 /data

# ---- runtime: what `mexc-live start` needs, as a user without privileges
FROM scratch
COPY --from=node / /
COPY --from=build --chown=root:root /out /app
ENV PATH=/app/node_modules/.bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_ENV=production \
    MEXC_LIVE_LOG_FORMAT=json
WORKDIR /app
USER mexc:mexc
# One database per API key, the demo's, the token and sessions: keep it in a named volume, and a
# new image on the same volume keeps every fill (docs/deploy.md, "Upgrade").
VOLUME ["/data"]
EXPOSE 8787
# Healthy: /api/health answers (packages/gateway/bin/healthcheck.js says with which token).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/app/packages/gateway/bin/healthcheck.js"]
# `docker stop` sends SIGTERM to PID 1: mexc-live's supervisor forwards it to the gateway, which
# stores what it holds and exits 0 within its 7 s shutdown limit (Docker kills at 10 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/packages/gateway/bin/mexc-live.js"]
CMD ["start", "--host", "0.0.0.0", "--port", "8787", "--data", "/data"]
