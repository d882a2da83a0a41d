"""Everything that comes in from a file or the clipboard: file safety, readers (.xlsx, .csv, percent formats),
header recognition and column mapping, checked previews, the all-or-nothing writes and the error report."""
