"""Package data: the dated rate tables and their sources (see README.md here)."""
