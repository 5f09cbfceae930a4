"""E-Modal accounts a user stores, with their secrets encrypted at rest."""
