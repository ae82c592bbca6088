#!/usr/bin/env bash
# Brings up the cluster suite's single-node Kubernetes, idempotently: the binaries (built once into
# the cache), dockerd with the local base images, then the node itself unless it is already Ready.
# Prints the kubeconfig path on its last line. Needs root. Usage: scripts/kube-node/up.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}
mkdir -p "$K"
bins="kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy"
missing=""
for b in $bins; do [ -x "$K/bin/$b" ] || missing=1; done
[ -f "$K/pause.c" ] || missing=1
if [ -n "$missing" ]; then
  exec 9>"$K/.build.lock"   # one build at a time into the cache
  flock 9
  missing=""
  for b in $bins; do [ -x "$K/bin/$b" ] || missing=1; done
  [ -f "$K/pause.c" ] || missing=1
  if [ -n "$missing" ]; then
    echo "kube-node: building Kubernetes v1.20.2 into $K/bin (one time, about 11 minutes)" >&2
    "$here/build.sh" > "$K/build.log" 2>&1 || { echo "kube-node: build failed, see $K/build.log" >&2; tail -20 "$K/build.log" >&2; exit 1; }
  fi
  exec 9>&-
fi
"$here/base-image.sh" >&2
export KUBECONFIG=$K/kubeconfig
if ! kubectl get node node-1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null | grep -q True; then
  "$here/stop-node.sh" >&2
  "$here/start-node.sh" >&2
fi
echo "$KUBECONFIG"
