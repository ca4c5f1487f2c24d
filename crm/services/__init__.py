"""Use cases: what a user does, over the store and the domain."""
