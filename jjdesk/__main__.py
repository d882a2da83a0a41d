"""``python -m jjdesk`` — same as the ``jjdesk`` command."""

import sys

from jjdesk.cli import main

sys.exit(main())
