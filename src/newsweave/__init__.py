"""newsweave: cross-checked accounts of news stories from many outlets' articles."""

__version__ = "0.1.0"
