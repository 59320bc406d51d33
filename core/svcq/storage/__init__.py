"""Storage layer: peewee models on one DatabaseProxy, and versioned migrations."""
