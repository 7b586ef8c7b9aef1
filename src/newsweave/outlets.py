"""The outlet an article is credited to, and which articles are one outlet.

An outlet is displayed by its name from metadata when there is one, else by the registered
domain of its URL (``edition.example-news.com`` -> ``example-news.com``), else by its file name.
Two articles are one outlet when their URLs share a registered domain, or when their names
compare equal: CNN and CNN International, on edition.cnn.com and cnn.com, are one source.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath
from urllib.parse import urlsplit

from newsweave.align.relay import outlet_key
from newsweave.model import Article

# Labels of a registered domain under a top-level domain the public-suffix list does not know
# (a reserved one such as .example or .test, or a new one): the name and the suffix, as under
# every generic top-level domain (news.harbor-gazette.example -> harbor-gazette.example).
UNKNOWN_SUFFIX_LABELS = 2


def outlet_name(article: Article) -> str:
    """The outlet's name; when none is known (or it is only the URL's host, ingest's guess),
    the registered domain of the URL; else the source's file name.

    >>> outlet_name(Article("a", "news/2025/story-1.txt#3", "text"))
    'story-1'
    >>> outlet_name(Article("a", "https://www.example.org/x?id=1", "text"))
    'example.org'
    >>> outlet_name(Article("a", "a.html", "t", outlet="edition.cnn.com", url="https://edition.cnn.com/x"))
    'cnn.com'
    """
    domain = article_domain(article)
    if article.outlet and not (domain and _is_host_of(article.outlet, article)):
        return article.outlet
    if domain:
        return domain
    if article.outlet:
        return article.outlet
    return PurePath(article.source.split("#")[0]).stem or article.source


def article_domain(article: Article) -> str | None:
    """The registered domain of the article's URL (or of its source when that is a URL)."""
    for candidate in (article.url, article.source):
        if candidate and "://" in candidate:
            domain = registered_domain(candidate)
            if domain:
                return domain
    return None


@lru_cache(maxsize=4096)
def registered_domain(url: str) -> str | None:
    """The domain a site registered, under its public suffix (courlan's public-suffix lookup):
    ``https://edition.cnn.com/x`` -> ``cnn.com``, ``https://news.bbc.co.uk`` -> ``bbc.co.uk``.
    Under a top-level domain the suffix list does not know, the last two labels.

    >>> registered_domain("https://edition.example-news.com/2025/x")
    'example-news.com'
    >>> registered_domain("https://www.harbor-gazette.example/a"), registered_domain("not a url")
    ('harbor-gazette.example', None)
    """
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    from courlan import extract_domain  # here: ~0.05 s to import, and most inputs have no URL

    found = extract_domain(url)
    if found:
        return str(found).lower()
    if host.replace(".", "").isdigit() or ":" in host:
        return host  # an IP address
    return ".".join(host.split(".")[-UNKNOWN_SUFFIX_LABELS:])


def _is_host_of(name: str, article: Article) -> bool:
    """Whether ``name`` is a host name of the article's own URL (a guess, not a name)."""
    if " " in name or "." not in name:
        return False
    return registered_domain(name) == article_domain(article)


def outlet_keys(article: Article) -> tuple[str, ...]:
    """What identifies the article's outlet: its registered domain and its name's key.
    Two articles sharing any key are one outlet."""
    keys = [f"name:{outlet_key(outlet_name(article))}"]
    domain = article_domain(article)
    if domain:
        keys.append(f"domain:{domain}")
    return tuple(keys)


def same_outlet(a: Article, b: Article) -> bool:
    """Whether ``a`` and ``b`` come from one outlet (a shared domain or an equal name)."""
    return bool(set(outlet_keys(a)) & set(outlet_keys(b)))
