"""The report's page builders: each takes the context and the combined result and returns its pages."""
