"""Serve the chat UI: `python ui/serve.py [OPTIONS]` is `assistant serve [OPTIONS]`.

The UI's code is the `assistant.ui` package (assistant/ui/); this folder keeps the entry point
where the project layout puts the UI.
"""

import sys

from assistant.cli import main

if __name__ == "__main__":
    main(["serve", *sys.argv[1:]], prog_name="assistant")
