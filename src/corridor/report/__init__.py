"""Report: a situation as an HTML page, a PDF or Markdown, every figure footnoted."""

from corridor.report.context import Report, gather
from corridor.report.render import FORMATS, write

__all__ = ["FORMATS", "Report", "gather", "write"]
