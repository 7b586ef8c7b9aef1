"""The versioned JSON Schema of newsweave's output, and checks against it."""
