#!/usr/bin/env bash
# Makes sure the operator tests can start a real kube-apiserver + etcd: builds/installs them once into
# ${SELDON_TS_CACHE:-~/.cache/seldon-ts}/kube/bin and does nothing when they are already there.
# The build (../kube-node/build.sh) also makes the node binaries of the cluster suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}
export K
if [ -x "$K/bin/kube-apiserver" ] && command -v etcd >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "kube-envtest: need root to install etcd / build kube-apiserver into $K (operator tests will be skipped)" >&2
  exit 0
fi
if [ ! -x "$K/bin/kube-apiserver" ]; then
  echo "kube-envtest: building Kubernetes v1.20.2 into $K/bin (one time, about 11 minutes)"
  mkdir -p "$K"
  # A lock so that two concurrent setups do not build twice into the same directory.
  exec 9>"$K/.build.lock"
  flock 9
  if [ ! -x "$K/bin/kube-apiserver" ]; then
    "$here/../kube-node/build.sh" > "$K/build.log" 2>&1 || { echo "kube-envtest: build failed, see $K/build.log" >&2; tail -20 "$K/build.log" >&2; exit 1; }
  fi
else
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends etcd-server >/dev/null
fi
echo "kube-envtest: $("$K/bin/kube-apiserver" --version), $(etcd --version | head -1)"
