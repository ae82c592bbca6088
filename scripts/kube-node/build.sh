#!/usr/bin/env bash
# Builds Kubernetes v1.20.2 offline from Debian bookworm's `kubernetes` source package (the upstream tree
# with vendor/) with Debian's Go 1.19, and installs etcd from Debian. Only Debian's apt is contacted.
# Output in $K/bin: kube-apiserver (used alone by the operator's envtest) and kube-controller-manager,
# kube-scheduler, kubelet, kube-proxy (the single-node cluster of the cluster suite), plus $K/pause.c
# for the pod sandbox image. About 11 minutes on 2 cores and ~2 GB of scratch disk, freed afterwards.
# Adapted from the verified recipes in shared/tools/kube-envtest and shared/tools/kube-node. Needs root.
set -euo pipefail
K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}
WHAT=${WHAT:-cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubelet cmd/kube-proxy}
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends golang-1.19-go etcd-server rsync openssl curl dpkg-dev \
  golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev >/dev/null
# deb-src lines live in a private apt config under $K: the system's apt configuration is not touched.
mkdir -p "$K/apt/lists/partial" "$K/src" "$K/bin" "$K/home"
cat > "$K/apt/sources.list" <<EOS
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main
EOS
APTOPT=(-o "Dir::Etc::SourceList=$K/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent -o "Dir::State::Lists=$K/apt/lists")
apt-get "${APTOPT[@]}" update -qq
rm -rf "$K/src"/* "$K/kubernetes"
(cd "$K/src" && apt-get "${APTOPT[@]}" source --download-only -qq kubernetes 2>&1 | grep -v unsandboxed || true)
dpkg-source -x "$K"/src/kubernetes_*.dsc "$K/kubernetes" >/dev/null
# The vendored reflect2 v1.0.1 / json-iterator v1.1.10 predate Go 1.18's runtime map changes and crash at
# start-up; Debian's packaged 1.0.2 / 1.1.12 are drop-in replacements.
for m in github.com/modern-go/reflect2 github.com/json-iterator/go; do
  rm -rf "$K/kubernetes/vendor/$m" && mkdir -p "$K/kubernetes/vendor/$m"
  find "/usr/share/gocode/src/$m" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' -o -name LICENSE \) ! -name '*_test.go' \
    -exec cp {} "$K/kubernetes/vendor/$m/" \;
done
cp "$K/kubernetes/build/pause/linux/pause.c" "$K/pause.c"
cd "$K/kubernetes"
PATH=/usr/lib/go-1.19/bin:$PATH GOPROXY=off GOFLAGS= HOME="$K/home" make WHAT="$WHAT"
for w in $WHAT; do cp "_output/local/bin/linux/amd64/$(basename "$w")" "$K/bin/"; done
# The source tree and Go build cache are only scratch: keep the binaries, free the disk.
cd "$K" && rm -rf "$K/kubernetes" "$K/src" "$K/home" "$K"/kubernetes_*
"$K/bin/kubelet" --version
