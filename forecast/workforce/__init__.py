"""Workforce: who works in each service and how they leave (profiles), the age-structured stock stepped through the
years (flows), and the hires a result implies, split into growth and replacement (hires)."""
