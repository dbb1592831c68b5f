"""Reading rendered pages as a person would: the visible text, and tables as rows of cell texts."""

from html.parser import HTMLParser


def squeeze(text: str) -> str:
    return " ".join(text.split())


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []  # {"caption": str, "rows": [[cell text, ...], ...]}
        self._stack: list[dict] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._stack.append({"caption": "", "rows": []})
        elif tag == "caption" and self._stack:
            self._caption = []
        elif tag == "tr" and self._stack:
            self._stack[-1]["rows"].append([])
        elif tag in ("td", "th") and self._stack:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "caption" and self._caption is not None:
            self._stack[-1]["caption"] = squeeze("".join(self._caption))
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            if self._stack[-1]["rows"]:
                self._stack[-1]["rows"][-1].append(squeeze("".join(self._cell)))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def table(html: str, caption: str) -> list[list[str]]:
    """The rows (header row included) of the one table whose caption contains `caption`."""
    parser = _Tables()
    parser.feed(html)
    (found,) = [t for t in parser.tables if caption in t["caption"]]
    return found["rows"]


def body_rows(html: str, caption: str) -> dict[str, list[str]]:
    """The table's rows after the header, keyed by their first cell."""
    return {row[0]: row[1:] for row in table(html, caption)[1:]}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return squeeze(" ".join(parser.parts))
