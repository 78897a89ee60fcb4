"""Pure logic: no printing, prompting or file I/O, so it can be tested directly."""
