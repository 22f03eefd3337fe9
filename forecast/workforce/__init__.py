"""Workforce: who works in each occupation and how they leave (profiles), the age-structured stock of every
occupation stepped through the years (flows), the hires a result implies, split into growth and replacement
(hires), and their sum over a period by service or by occupation (summary)."""
