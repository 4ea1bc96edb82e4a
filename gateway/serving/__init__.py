"""The HTTP server under the app: read deadlines, connection cap, admission bound, balanced workers."""
