"""``python -m svcq`` is the ``svcq`` command."""

import sys

from svcq.cli import main

sys.exit(main())
