"""Training and assessment content: schemas, loading and validation.

Content lives in YAML files under ``content/`` so a trainer can change wording without
Python. Every file is validated when it loads; errors name the file, the item and the field.
"""

from widgets.content.errors import ContentError
from widgets.content.loader import Content, load_content

__all__ = ["Content", "ContentError", "load_content"]
