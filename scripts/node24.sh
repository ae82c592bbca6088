#!/usr/bin/env bash
# Installs Node 24 (the npm package `node@24`, which ships the official binary) into the cache if it
# is not there, and prints the binary's path. Used by setup-test-deps.sh (the Node 24 test suite) and
# kube-node/base-image.sh (the images' base, node:24-bookworm-slim). Idempotent.
set -euo pipefail
dir="${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/node24"
bin="$dir/node_modules/node/bin/node"
if ! "$bin" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "setup: installing Node 24 (npm package node@24) into $dir" >&2
  mkdir -p "$dir" && { [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"; }
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error node@24 >/dev/null
fi
# The package's bin/node is a symlink into its own files; the images need the file itself.
readlink -f "$bin"
