"""Who may do what: tokens (authentication), the policy (authorization), the audit trail.

- :mod:`svcq.security.principal`: the caller of the current RPC (a context variable).
- :mod:`svcq.security.tokens`: API tokens, hashed, shown once, expiring, revocable.
- :mod:`svcq.security.policy`: the one table of roles, permissions and scopes.
- :mod:`svcq.security.audit`: old -> new per field, in the writer's transaction.

See docs/security.md for the promises and the tests that keep them.
"""
