"""Run the evaluation: `python evals/run.py [OPTIONS]` is `assistant eval [OPTIONS]`.

The code is the `assistant.evals` package (assistant/evals/); this folder keeps the question
sets (sets/), the results (results/), the regression snapshots (snapshots/) and this entry point.
"""

import sys

from assistant.cli import main

if __name__ == "__main__":
    main(["eval", *sys.argv[1:]], prog_name="assistant")
