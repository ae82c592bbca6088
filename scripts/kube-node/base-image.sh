#!/bin/bash
# Docker engine + a local Node base image, offline. Debian's docker.io runs on these machines (cgroup v1, overlay2).
# Docker Hub cannot be reached, so `node:24-bookworm-slim` is made locally under the same tag: a Debian bookworm
# rootfs (debootstrap from Debian's archive) + Node 24's official binary (the npm package node@24, via
# ../node24.sh) and this machine's npm + this machine's CA bundle (the package registries are reached through
# it). Dockerfiles keep their usual FROM line.
# Also makes k8s.gcr.io/pause:3.2 from the Kubernetes source's pause.c ($K/pause.c, left by build.sh) for the kubelet,
# and sets Docker's default runtime to a runc wrapper that raises a negative oom_score_adj to 0: this machine refuses
# negative values, and the kubelet asks for -998 on every pod sandbox (the container then fails with
# "can't get final child's PID from pipe: EOF").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
BASE=node:24-bookworm-slim
K=${K:-${SELDON_TS_CACHE:-$HOME/.cache/seldon-ts}/kube}
export DEBIAN_FRONTEND=noninteractive
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null || ! command -v gcc >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq docker.io containerd runc iptables debootstrap gcc libc6-dev >/dev/null
fi
mkdir -p "$K/bin" /etc/docker
cat > "$K/bin/runc-oom-clamp" <<'EOW'
#!/bin/bash
# runc, with a container's negative oom_score_adj raised to 0 (this machine refuses negative values).
for ((i = 1; i <= $#; i++)); do
  case "${!i}" in --bundle | -b) j=$((i + 1)); bundle=${!j} ;; --bundle=*) bundle=${!i#--bundle=} ;; esac
done
if [ -n "${bundle:-}" ] && [ -f "$bundle/config.json" ]; then
  @NODE@ -e 'const fs=require("fs"),p=process.argv[1],c=JSON.parse(fs.readFileSync(p,"utf8"));if((c.process?.oomScoreAdj??0)<0){c.process.oomScoreAdj=0;fs.writeFileSync(p,JSON.stringify(c))}' "$bundle/config.json"
fi
exec @RUNC@ "$@"
EOW
sed -i "s#@NODE@#$(command -v node)#; s#@RUNC@#$(command -v runc)#" "$K/bin/runc-oom-clamp"; chmod +x "$K/bin/runc-oom-clamp"
want="{\"runtimes\":{\"runc-oom-clamp\":{\"path\":\"$K/bin/runc-oom-clamp\"}},\"default-runtime\":\"runc-oom-clamp\"}"
if [ "$(cat /etc/docker/daemon.json 2>/dev/null)" != "$want" ]; then
  echo "$want" > /etc/docker/daemon.json
  if docker info >/dev/null 2>&1; then   # restart a running dockerd so it takes the runtime
    pid=$(cat "$K/run/dockerd.pid" 2>/dev/null || pidof dockerd); kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
fi
if ! docker info >/dev/null 2>&1; then
  mkdir -p "$K/run"
  setsid dockerd > "$K/run/dockerd.log" 2>&1 &
  echo $! > "$K/run/dockerd.pid"
  for i in $(seq 1 100); do docker info >/dev/null 2>&1 && break; sleep 0.2; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start"; tail -20 "$K/run/dockerd.log"; exit 1; }
fi
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  R=$K/rootfs; rm -rf "$R"
  debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian >/dev/null
  node=$("$here/../node24.sh"); npmdir=$(dirname "$(readlink -f "$(command -v npm)")")/..
  cp "$node" "$R/usr/local/bin/node"
  mkdir -p "$R/usr/local/lib/node_modules" && cp -a "$(cd "$npmdir" && pwd)" "$R/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  mkdir -p "$R/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$R/etc/ssl/certs/ca-certificates.crt"
  (cd "$R" && tar -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
     -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' -c 'CMD ["node"]' - "$BASE") >/dev/null
  rm -rf "$R"
fi
if ! docker image inspect k8s.gcr.io/pause:3.2 >/dev/null 2>&1 && [ -f "$K/pause.c" ]; then
  d=$(mktemp -d); gcc -Os -static -DVERSION=3.2 -o "$d/pause" "$K/pause.c"
  (cd "$d" && tar -c pause | docker import -c 'ENTRYPOINT ["/pause"]' - k8s.gcr.io/pause:3.2) >/dev/null; rm -rf "$d"
fi
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E "$BASE|pause" || true
echo "build images with: DOCKER_BUILDKIT=0 docker build --network host ..."
