"""Policy Assistant: sourced answers on e-government policy from UN documents."""

__version__ = "0.1.0"
