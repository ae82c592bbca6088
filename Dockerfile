# seldon-ts images, one multi-stage file (build from the repository root):
#   docker build --target engine       -t seldon-ts/engine:0.1.0 .        the seldon-container-engine sidecar
#   docker build --target operator     -t seldon-ts/operator:0.1.0 .      the controller (deploy/)
#   docker build --target microservice -t seldon-ts/microservice:0.1.0 .  base image for a user's component
#   docker build --target storage-initializer -t seldon-ts/storage-initializer:0.1.0 .  the modelUri init container
#   docker build --target onnx-server    -t seldon-ts/onnx-server:0.1.0 .     ONNX_SERVER (ONNX Runtime)
#   docker build --target xgboost-server -t seldon-ts/xgboost-server:0.1.0 .  XGBOOST_SERVER in TypeScript
# `node scripts/images.mjs [target ...]` builds them (docs/kubernetes.md). Every image runs as uid 8888 and
# writes nothing to its root filesystem (readOnlyRootFilesystem works).

ARG NODE_IMAGE=node:24-bookworm-slim

# Workspace manifests only, so the dependency layers are cached until a package.json changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/payload/package.json packages/payload/
COPY packages/crd-types/package.json packages/crd-types/
COPY packages/graph-executor/package.json packages/graph-executor/
COPY packages/model-wrapper/package.json packages/model-wrapper/
COPY packages/operator/package.json packages/operator/
COPY packages/storage/package.json packages/storage/
COPY packages/model-servers/package.json packages/model-servers/
COPY apps/engine/package.json apps/engine/
COPY apps/operator/package.json apps/operator/
COPY apps/batch-processor/package.json apps/batch-processor/

# Compile every project once; each image takes the packed (published) form of what it needs.
FROM manifests AS build
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY proto/ proto/
COPY packages/ packages/
COPY apps/ apps/
RUN npx tsc -b tsconfig.json
# The engine image runs the engine bundled (esbuild; apps/engine/scripts/bundle.mjs): a pod's engine
# starts without resolving some 85 module files (docs/benchmarks.md "Fourth pass").
RUN node apps/engine/scripts/bundle.mjs
# `npm pack` keeps exactly each package's "files": the image holds what npm would publish.
RUN mkdir -p /packed && for w in packages/payload packages/crd-types packages/graph-executor \
      packages/model-wrapper packages/operator packages/storage packages/model-servers apps/engine \
      apps/operator; do \
      d=/packed/$w && mkdir -p "$d" && \
      tgz=$(npm pack --silent --workspace "$w" --pack-destination /tmp) && \
      tar -xzf "/tmp/$tgz" -C "$d" --strip-components=1 || exit 1; \
    done && \
    echo '{"name":"seldon-ts-component","private":true,"type":"module"}' > /packed/component-scope.json

# Production dependencies of one workspace each (workspace links point at /app/<workspace>).
# The sidecar's: without the engine's optional peers and devDependencies (scripts/docker/sidecar-manifest.mjs).
FROM manifests AS engine-deps
COPY scripts/docker/sidecar-manifest.mjs scripts/docker/
RUN node scripts/docker/sidecar-manifest.mjs apps/engine && \
    npm ci --omit=dev --workspace apps/engine --include-workspace-root=false --ignore-scripts --no-audit --no-fund
FROM manifests AS operator-deps
RUN npm ci --omit=dev --workspace apps/operator --include-workspace-root=false --ignore-scripts --no-audit --no-fund
FROM manifests AS microservice-deps
RUN npm ci --omit=dev --workspace packages/model-wrapper --include-workspace-root=false --ignore-scripts --no-audit --no-fund
FROM manifests AS storage-deps
RUN npm ci --omit=dev --workspace packages/storage --include-workspace-root=false --ignore-scripts --no-audit --no-fund
FROM manifests AS model-servers-deps
RUN npm ci --omit=dev --workspace packages/model-servers --include-workspace-root=false --ignore-scripts --no-audit --no-fund
# ONNX Runtime (an optional peer of model-servers) at the lockfile's version, its install script off
# (it downloads; the CPU binary ships in the package), keeping only the linux binary of this image.
FROM manifests AS onnxruntime
RUN v=$(node -p "require('./package-lock.json').packages['node_modules/onnxruntime-node'].version") && \
    mkdir /ort && cd /ort && echo '{"private":true}' > package.json && \
    npm install --ignore-scripts --no-audit --no-fund "onnxruntime-node@$v" && \
    arch=$(node -p "process.arch") && \
    find node_modules/onnxruntime-node/bin -mindepth 2 -maxdepth 2 ! -name linux -exec rm -rf {} + && \
    find node_modules/onnxruntime-node/bin -mindepth 3 -maxdepth 3 ! -name "$arch" -exec rm -rf {} +

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
USER 8888:8888

# The engine: REST 8000 (also /prometheus), gRPC 5001; the operator passes --http_port/--grpc_port.
FROM runtime AS engine
COPY --from=engine-deps /src/node_modules ./node_modules
COPY --from=build /packed/packages/payload ./packages/payload
COPY --from=build /packed/packages/crd-types ./packages/crd-types
COPY --from=build /packed/packages/graph-executor ./packages/graph-executor
COPY --from=build /packed/packages/model-wrapper ./packages/model-wrapper
COPY --from=build /packed/apps/engine ./apps/engine
COPY --from=build /src/apps/engine/dist/bundle ./apps/engine/dist/bundle
EXPOSE 8000 5001
# Node 24's V8 lets the young generation grow to 2 x 64 MB; capped at 2 x 8 MB (Node 20's was 2 x 16 MB),
# the engine ends a c=64 load at 134 MB RSS instead of 235 MB, with the same CPU per request
# (docs/benchmarks.md "Fifth pass: the images on Node 24").
ENTRYPOINT ["node", "--max-semi-space-size=8", "/app/apps/engine/dist/bundle/cli.mjs"]

# The operator: webhook 4443, metrics and probes 8080.
FROM runtime AS operator
COPY --from=operator-deps /src/node_modules ./node_modules
COPY --from=build /packed/packages/payload ./packages/payload
COPY --from=build /packed/packages/crd-types ./packages/crd-types
COPY --from=build /packed/packages/operator ./packages/operator
COPY --from=build /packed/apps/operator ./apps/operator
EXPOSE 4443 8080
ENTRYPOINT ["node", "/app/apps/operator/dist/cli.js"]

# A user's component: `seldon-microservice build <dir>` copies the folder to /app/model and sets
# MODEL_NAME (and SERVICE_TYPE) as the reference's s2i images read them from .s2i/environment.
FROM runtime AS microservice
COPY --from=microservice-deps /src/node_modules ./node_modules
COPY --from=build /packed/packages/payload ./packages/payload
COPY --from=build /packed/packages/model-wrapper ./packages/model-wrapper
# A component folder without a package.json of its own is ES modules, like the examples.
COPY --from=build /packed/component-scope.json ./package.json
ENV PATH=/app/node_modules/.bin:$PATH SERVICE_TYPE=MODEL TSX_DISABLE_CACHE=1
WORKDIR /app/model
EXPOSE 9000 5000 6000
ENTRYPOINT ["node", "/app/packages/model-wrapper/dist/cli.js"]

# The storage initializer: the operator runs it as the `<container>-model-initializer` init container
# with args [<modelUri>, /mnt/models] and the envSecretRefName secret as environment (docs/storage.md).
# Only @aws-sdk/client-s3, undici and the shared error base of @seldon-ts/payload besides the package.
FROM runtime AS storage-initializer
COPY --from=storage-deps /src/node_modules ./node_modules
COPY --from=build /packed/packages/payload ./packages/payload
COPY --from=build /packed/packages/storage ./packages/storage
# The AWS SDK's "node >= 22 from 2027" notice would open every init container log.
ENV AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
ENTRYPOINT ["node", "/app/packages/storage/dist/cli.js"]

# Prepackaged model servers: the model wrapper serving a model-servers component. The operator
# mounts the storage initializer's download at /mnt/models and passes model_uri=/mnt/models in
# PREDICTIVE_UNIT_PARAMETERS, as for the reference's servers (docs/model-servers.md).
FROM runtime AS model-server-base
COPY --from=model-servers-deps /src/node_modules ./node_modules
COPY --from=build /packed/packages/payload ./packages/payload
COPY --from=build /packed/packages/model-wrapper ./packages/model-wrapper
COPY --from=build /packed/packages/model-servers ./packages/model-servers
ENV SERVICE_TYPE=MODEL
EXPOSE 9000 5000 6000

FROM model-server-base AS xgboost-server
ENV MODEL_NAME=/app/packages/model-servers/dist/index.js:XGBoostServer
ENTRYPOINT ["node", "/app/packages/model-wrapper/dist/cli.js"]

FROM model-server-base AS onnx-server
COPY --from=onnxruntime /ort/node_modules ./node_modules
ENV MODEL_NAME=/app/packages/model-servers/dist/index.js:OnnxServer
ENTRYPOINT ["node", "/app/packages/model-wrapper/dist/cli.js"]
