"""lovecli: a private, local terminal toolkit that helps a couple practise intimacy on purpose."""

__version__ = "0.1.0"
