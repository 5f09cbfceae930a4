"""Conversation threads owned by users."""
