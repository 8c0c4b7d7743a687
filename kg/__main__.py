"""`kg` and `python -m kg`: the CLI, with a data file found broken at import time reported as one line too."""
import sys

from kg.errors import KgError


def run() -> None:
    """Import the CLI (which loads and checks the event types and lexicons) and run it."""
    try:
        from kg.cli import main
    except KgError as e:      # a data file checked when loaded is broken: say which, and where
        print(e.line(), file=sys.stderr)
        sys.exit(2)
    main()


if __name__ == "__main__":
    run()
