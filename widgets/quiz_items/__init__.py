"""Quiz question types. Each type is one module: its schema, how a response is scored,
and how a response is written to the results CSV. Views live in ``widgets.quiz``.

To add a type: write a module like ``single_choice.py`` and add its class to ``QuizItem``.
An unknown ``type`` in a content file fails when content loads, not when a page renders.
"""

from typing import Annotated, Union

from pydantic import Field

from widgets.quiz_items.base import Marked
from widgets.quiz_items.multiple_choice import MultipleChoiceItem
from widgets.quiz_items.single_choice import SingleChoiceItem
from widgets.quiz_items.sort import SortItem

QuizItem = Annotated[Union[SingleChoiceItem, MultipleChoiceItem, SortItem], Field(discriminator="type")]

QUESTION_TYPES = ("single_choice", "multiple_choice", "sort")

__all__ = ["Marked", "MultipleChoiceItem", "QUESTION_TYPES", "QuizItem", "SingleChoiceItem", "SortItem"]
