"""API layer: servicers that translate protobuf to domain calls and back, nothing else."""
