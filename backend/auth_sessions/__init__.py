"""Auth sessions: one per login, kept in Redis with the SQL database as write-through fallback."""
