"""ficlens: reads a fan-fiction work and tells you what is in it.

    >>> import ficlens
    >>> result = ficlens.analyze("story.txt")
    >>> result.status.value, [q.speaker for q in result.quotes]
    >>> print(result.to_json())
"""

from .errors import FiclensError, InputTooLarge, UnreadableInput
from .model import SCHEMA_VERSION, Analysis, Document
from .pipeline import Pipeline, analyze, load

__version__ = "0.1.0"
__all__ = [
    "Analysis", "Document", "FiclensError", "InputTooLarge", "Pipeline", "SCHEMA_VERSION",
    "UnreadableInput", "analyze", "load", "__version__",
]
