// Entry point of the `clrpy` command (placeholder until the CLI lands).
return 0;
