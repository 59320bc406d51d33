"""svcq: a service-quality framework for property-management companies.

The public plugin API lives in :mod:`svcq.plugin` (``svcq.hookimpl`` and the
records a plugin registers); everything else is the core's own business.
"""

from svcq.plugin import hookimpl, hookspec

__version__ = "0.1.0"
__all__ = ["__version__", "hookimpl", "hookspec"]
