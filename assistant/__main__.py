"""``python -m assistant`` runs the command line, as ``assistant`` does (handy in a worktree
or where the console script is not on PATH)."""

from assistant.cli import main

main(prog_name="assistant")
