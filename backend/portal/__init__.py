"""The backend's side of portal sessions: the browser pool, its persistence, and who may use which."""
