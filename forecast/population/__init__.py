"""Population: the cube of persons by municipality, year, sex and age (history and projection), the built-in
cohort-change projection, and how accurate it has been."""

from forecast.population.cube import SEXES, PopulationCube, area_frame, border_changes, load_history, to_frame
from forecast.population.projection import population, project, scale_to_variant

__all__ = ["SEXES", "PopulationCube", "area_frame", "border_changes", "load_history", "population", "project", "scale_to_variant",
           "to_frame"]
