"""The bundle's entry point: the same as the ``annotator`` command."""

import multiprocessing
import sys

from annotator.cli.main import main

if __name__ == "__main__":
    # The importer extracts files in worker processes; in a frozen application a worker is
    # this executable started again, and freeze_support() turns it into the worker.
    multiprocessing.freeze_support()
    sys.exit(main())
