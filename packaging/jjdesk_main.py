"""Entry of the built program, for both ``jjdesk`` (windowed) and ``jjdesk-cli`` (console).

The same command line as ``python -m jjdesk``: no sub-command opens the window. A windowed program on Windows
has no console, so Python gives it no stdout/stderr; writing there (``--version``, a message) would raise.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 — lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from jjdesk.cli import main

sys.exit(main())
