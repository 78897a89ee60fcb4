"""The command line: thin Typer modules that parse options, call the core and render."""
