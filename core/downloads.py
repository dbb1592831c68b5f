"""A file the person downloads (or, for a clinician's shared link, opens in the browser)."""

from collections.abc import Iterable

from django.http import HttpResponse, StreamingHttpResponse


def download(content: bytes | str | Iterable[str], *, content_type: str, filename: str, inline: bool = False):
    """`content` is the whole file, or an iterator of its parts (streamed). The filename is ours,
    never the person's data (no health data in headers or logs)."""
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
