"""Database helpers: validated writes, connection errors in plain words, read replicas,
schema changes."""
