"""Documents of planning: the week list."""
