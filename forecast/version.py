"""The version of forecast (one place: the package, the report footers and the manifests read it)."""

__version__ = "0.1.0"
