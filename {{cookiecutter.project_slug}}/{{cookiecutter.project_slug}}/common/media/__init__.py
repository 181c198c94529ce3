"""Media files: the local-disk storage with signed URLs, its download view, upload checks."""
