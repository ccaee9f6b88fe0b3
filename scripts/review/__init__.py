"""Helpers for scripts/render_review.py: read the marts, format numbers, draw figures, write the memo."""
