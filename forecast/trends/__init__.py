"""Trends: the yearly history of the demand drivers (series), trend models behind one fit/predict interface
(models), what `auto` chooses (select), rolling-origin evaluation (evaluate) and per-year demand factors
(factors)."""
