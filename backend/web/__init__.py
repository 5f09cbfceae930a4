"""The web chat page: one HTML page and its static assets, served by the API itself."""
