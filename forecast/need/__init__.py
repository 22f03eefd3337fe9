"""Labour need: calibration of each service on its base year, demand year by year (users and FTE), automation
offsets, a scenario's run and the comparison of scenarios."""
