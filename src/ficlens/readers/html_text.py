"""HTML to text blocks, parsed safely.

Every HTML-bearing format (AO3 downloads and pages, FFN pages, EPUB chapters) is
read the same way: lxml's HTML parser (it never loads DTDs, so entity bombs stay
literal text, and it never touches the network) and one walker that turns markup
into paragraphs the way a browser shows them: ``<p>``/``<div>``/... are blocks,
``<br>`` is a line break, two ``<br>`` in a row are a paragraph break (old works
use them instead of ``<p>``), ``<hr>`` is a scene break, and italics or bold are
just their text.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

import lxml.html
from lxml import etree

from ..errors import InputTooLarge, UnreadableInput
from .builder import SCENE_BREAK

MAX_HTML_CHARS = 50 * 1024 * 1024

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "html",
    "li", "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
SKIP_TAGS = frozenset({
    "button", "form", "head", "iframe", "input", "map", "math", "nav", "noscript", "object", "option",
    "script", "select", "style", "svg", "template", "textarea", "title", "video", "audio",
})

_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u2028\u2029]+")

# classify() result meaning "drop this element and everything inside it".
SKIP = "skip"

Classifier = Callable[[etree._Element], str | None]


def parse_html(text: str) -> etree._Element:
    """Parse HTML/XHTML text into an element tree without any network or entity expansion."""
    if len(text) > MAX_HTML_CHARS:
        raise InputTooLarge(f"the HTML is {len(text) // (1024 * 1024)} MB, more than the {MAX_HTML_CHARS // (1024 * 1024)} MB limit")
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableInput(f"not readable HTML: {one_line(error)}") from None
    if root is None:
        raise UnreadableInput("not readable HTML: empty document")
    return root


def element_by_id(root: etree._Element, element_id: str, tag: str = "*") -> etree._Element | None:
    """The first ``tag`` element at or under ``root`` whose id is ``element_id``."""
    found = root.xpath(f"descendant-or-self::{tag}[@id=$value]", value=element_id)
    return found[0] if found else None


def body_of(root: etree._Element) -> etree._Element:
    """The <body>, or the root itself for fragments and XHTML without one."""
    body = root.find("body")
    return body if body is not None else root


def document_title(root: etree._Element) -> str | None:
    """The text of the document's <title>, if it has a non-empty one."""
    title = root.find(".//title")
    return (inline_text(title) or None) if title is not None else None


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def inline_text(element: etree._Element) -> str:
    """All the text of an element on one line, whitespace collapsed (for labels and titles)."""
    return _SPACES.sub(" ", element.text_content()).strip()


def element_blocks(element: etree._Element, classify: Classifier | None = None) -> list[str]:
    """The paragraphs inside ``element``, as a browser would break them.

    ``classify(el)`` may return SKIP to drop a sub-element (labels, landmarks).
    """
    return list(_blocks(element, classify))


def _blocks(element: etree._Element, classify: Classifier | None) -> Iterator[str]:
    buffer: list[str] = []
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in SKIP_TAGS or "landmark" in classes(node) or (classify and classify(node) == SKIP):
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                yield from _flush(buffer)
            elif tag == "br":
                buffer.append("\n")
            elif tag == "hr":
                yield from _flush(buffer)
                yield SCENE_BREAK
            if node.text and tag != "br":
                buffer.append(_SPACES.sub(" ", node.text))
        else:
            if tag in BLOCK_TAGS:
                yield from _flush(buffer)
            if node.tail and node is not element:
                buffer.append(_SPACES.sub(" ", node.tail))
    yield from _flush(buffer)


def _flush(buffer: list[str]) -> Iterator[str]:
    """Turn buffered inline text into paragraphs: blank lines (double <br>) split them."""
    if not buffer:
        return
    raw = "".join(buffer)
    buffer.clear()
    lines: list[str] = []
    for line in raw.split("\n"):
        line = line.strip()
        if line:
            lines.append(line)
        elif lines:
            yield "\n".join(lines)
            lines = []
    if lines:
        yield "\n".join(lines)


def walk_elements(root: etree._Element, visit: Callable[[etree._Element], bool]) -> None:
    """Visit elements in document order; when ``visit`` returns True, skip its subtree.

    Iterative, so hostile nesting depth cannot overflow the stack.
    """
    stack: list[Iterator[etree._Element]] = [iter([root])]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if not isinstance(node.tag, str):
            continue
        if visit(node):
            continue
        stack.append(iter(node))


def find_charset(head: bytes) -> str | None:
    """The charset an HTML/XML file declares in its first bytes, if any."""
    match = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", head[:4096], re.IGNORECASE)
    if not match:
        match = re.search(rb"""<\?xml[^>]{0,200}encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""", head[:1024])
    return match.group(1).decode("ascii") if match else None


def one_line(error: BaseException) -> str:
    """A parser's error message as one short line: UnreadableInput messages never span lines."""
    return " ".join(str(error).split())[:200] or error.__class__.__name__
