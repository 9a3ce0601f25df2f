"""The partner REST API (versioned under /api/v1/)."""
