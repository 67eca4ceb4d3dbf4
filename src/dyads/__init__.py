"""dyads: news to political event data with provenance."""

__version__ = "0.1.0"
