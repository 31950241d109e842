"""yjplans: Youth Justice Plans into a warehouse analysts can trust."""
__version__ = "0.2.0"
