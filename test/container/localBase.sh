#!/usr/bin/env bash
# A Debian bookworm base image made on this machine, for machines that cannot pull from a registry
# (Docker Hub unreachable): debootstrap's minimal variant from the mirror apt already uses, plus
# this machine's Node, npm and Node's headers (better-sqlite3 builds from source against them,
# npm_config_nodedir=/usr/local; node-gyp's header download would need nodejs.org).
#
#   test/container/localBase.sh [IMAGE]     (default mexc-live-base:bookworm; root; ~25 s + import)
#
# The Dockerfile builds on it with --build-arg NODE_IMAGE=IMAGE. Nothing is done when IMAGE exists.
set -euo pipefail
image=${1:-mexc-live-base:bookworm}
docker=${DOCKER:-/usr/bin/docker}
if "$docker" image inspect "$image" >/dev/null 2>&1; then
  echo "local base: $image already present"
  exit 0
fi
for tool in debootstrap node npm; do
  command -v "$tool" >/dev/null || { echo "local base: $tool is not installed (apt-get install -y debootstrap; Node 20+)" >&2; exit 1; }
done
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p; s/^deb \(http[^ ]*\) .*/\1/p' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d /tmp/mexc-live-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "local base: debootstrap minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
# Node: the binary, npm, and the headers (include/node) where a /usr/local prefix keeps them.
node_bin=$(readlink -f "$(command -v node)")
node_prefix=$(dirname "$(dirname "$node_bin")")
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules" "$root/usr/local/include"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
cp -a "$node_prefix/include/node" "$root/usr/local/include/node"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# What debootstrap leaves that an image does not need.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/log/*.log
tar -C "$root" -c . | "$docker" import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' - "$image" >/dev/null
echo "local base: $image ($(node --version) from this machine)"
