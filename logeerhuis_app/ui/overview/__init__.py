"""Overzichten: month and year figures for funders and the board."""
