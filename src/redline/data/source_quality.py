"""Source quality: which cited outlets are state-affiliated media or second-hand aggregators.

Some shipped rows cite a page of Russian state media (TASS, Sputnik) or of the "Pravda" aggregator
network (``*.news-pravda.com``, part of the "Portal Kombat" network that France's VIGINUM exposed on
12 Feb 2024), because no primary page stating the same figure or statement was found. Such a row is
kept, but flagged: its ``source_quality`` column holds one of :data:`QUALITY_LABELS`, which
``redline data provenance``, the statement codings and the report print next to the source.

:data:`FLAGGED_DOMAINS` is the list the flag is checked against (a test requires every shipped row
citing one of these domains, or a subdomain, to carry the flag). Add a domain here with its label
and the reason in a comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

__all__ = [
    "AGGREGATOR",
    "FLAGGED_DOMAINS",
    "QUALITY_LABELS",
    "STATE_MEDIA",
    "cited_domains",
    "expected_quality",
]

STATE_MEDIA = "state-affiliated media"
"""Outlets owned or run by the Russian state (the row's fact is reported by them, not by a primary source)."""

AGGREGATOR = "second-hand aggregator"
"""Pages republishing others' reports (often state media) without their own reporting."""

QUALITY_LABELS = (STATE_MEDIA, AGGREGATOR)
"""Allowed values of a ``source_quality`` column (blank = no flag)."""

FLAGGED_DOMAINS: dict[str, str] = {
    "tass.com": STATE_MEDIA,  # TASS, Russian state news agency
    "tass.ru": STATE_MEDIA,
    "sputnikglobe.com": STATE_MEDIA,  # Sputnik (Rossiya Segodnya); broadcasting suspended in the EU, Reg. 2022/350
    "sputniknews.com": STATE_MEDIA,
    "sarabic.ae": STATE_MEDIA,  # Sputnik Arabic
    "ria.ru": STATE_MEDIA,  # RIA Novosti (Rossiya Segodnya)
    "rt.com": STATE_MEDIA,  # RT
    "news-pravda.com": AGGREGATOR,  # "Pravda" / Portal Kombat network (VIGINUM, Feb 2024), every subdomain
    "pravda-fr.com": AGGREGATOR,  # same network, French site
}
"""Domain (matching the host or any subdomain) -> the ``source_quality`` label it calls for."""

_URL = re.compile(r"https?://[^\s,;)\"'<>]+")
_BARE = re.compile(r"\b((?:[a-z0-9-]+\.)*(?:" + "|".join(re.escape(d) for d in FLAGGED_DOMAINS) + r"))\b", re.I)


def _domain_of(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for domain in FLAGGED_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


def cited_domains(texts: Iterable[object]) -> list[str]:
    """The flagged domains cited in ``texts`` (URLs or bare host names in prose), in order, once each."""
    found: list[str] = []
    for text in texts:
        if not isinstance(text, str) or not text:
            continue
        hosts = [urlparse(u).hostname or "" for u in _URL.findall(text)]
        hosts += [m.group(1) for m in _BARE.finditer(_URL.sub(" ", text))]
        for host in hosts:
            domain = _domain_of(host)
            if domain and domain not in found:
                found.append(domain)
    return found


def expected_quality(texts: Iterable[object]) -> str:
    """The flag a row citing ``texts`` must carry: state media wins over aggregator; blank if none."""
    labels = {FLAGGED_DOMAINS[d] for d in cited_domains(texts)}
    for label in QUALITY_LABELS:
        if label in labels:
            return label
    return ""
