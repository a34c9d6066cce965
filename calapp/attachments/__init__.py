"""Files attached to events, kept on disk or on S3-compatible object storage."""
