"""Dashboard pages (map + timeline, road view, incident page) and the compact
JSON endpoints that feed their scripts."""
