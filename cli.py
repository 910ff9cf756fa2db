"""Run the `kg` command from a checkout without installing it: python cli.py --help."""

from kg.cli import main

if __name__ == "__main__":
    main()
