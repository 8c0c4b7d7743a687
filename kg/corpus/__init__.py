"""The corpus stages: store-wide identity, event clusters, the index, the extraction engines and the build job."""
