"""The project's own dbt-score rules (dbt-score loads this package by its name, from the project root)."""
