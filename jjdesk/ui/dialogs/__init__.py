"""Dialogs that stand on their own: paste preview, edit conflicts."""
