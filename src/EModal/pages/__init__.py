"""Page objects of the E-Modal portal."""
