"""Reusable widgets: signature pad, PDF preview."""
