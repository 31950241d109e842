"""Cost tables: how the money is spent (CIPFA subjective groups, out-turn, forecast splits), read as records."""
