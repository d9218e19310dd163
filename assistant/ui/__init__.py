"""Web UI for Policy Assistant (``assistant serve``)."""
