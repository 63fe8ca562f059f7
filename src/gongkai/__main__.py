"""``python -m gongkai``."""

from .cli import main

main()
