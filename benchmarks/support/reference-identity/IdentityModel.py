"""The identity model for the reference Python wrapper (seldon-core-microservice IdentityModel):
the baseline of benchmarks/model-servers.bench.mjs, the wrapper's cost without model work."""


class IdentityModel:
    def predict(self, X, names=None, meta=None):
        return X
