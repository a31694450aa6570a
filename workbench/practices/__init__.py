"""The country practice library: built-in practices plus the user's own."""
