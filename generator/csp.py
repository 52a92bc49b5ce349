"""The Content-Security-Policy of a finished HTML page: the browser's second line of defence
behind the templates' escaping.

Scripts may come from the site itself and, inline, only as the exact scripts the page holds
when it is built (by their SHA-256 hashes: the theme's scope script differs with the page's
depth). JSON and JSON-LD blocks are data, not scripts: a browser never runs them. Nothing
may be embedded as a plugin, the base address cannot be changed, and forms go to the site.
`frame-ancestors` has no effect in a meta element: the server sends it (see README).
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\stype=["']?([^"'\s>]+)""", re.I)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head>|<head\s[^>]*>", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-...' of every inline script a browser would run, in page order, once each."""
    hashes = []
    for attributes, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if re.search(r"\ssrc=", attributes, re.I) or (
                kind and kind.group(1).lower() not in _RUNNABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(html: str) -> str:
    return POLICY.format(hashes="".join(" " + digest for digest in inline_script_hashes(html)))


def with_policy(html: str) -> str:
    """The page with its policy as the first thing in <head> after the character set, so
    that it covers every script after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    charset = _CHARSET.search(html)
    if charset:
        return html[:charset.end()] + meta + html[charset.end():]
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("A page without <head>: no place for its Content-Security-Policy")
    return html[:head.end()] + meta + html[head.end():]


# The web editor at /admin/ (Decap CMS) only. Decap checks its configuration with ajv, which
# compiles the checks into functions at run time: without 'unsafe-eval' it stops with
# "Error loading the CMS configuration" (tried in Chromium). It loads its lazy chunks as
# scripts from its own folder and sets its styles inline; it fetches from the git host's
# API and, on this computer, from decap-server. Nothing else: no inline script, no frame,
# no worker, no plugin, forms only to the site. The site's own pages never get
# 'unsafe-eval'.
EDITOR_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-eval'; "
                 "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
                 "connect-src 'self'{connect}; frame-src 'none'; worker-src 'none'; "
                 "object-src 'none'; base-uri 'self'; form-action 'self'")


def editor_policy(connect: list[str]) -> str:
    """The editor page's policy; `connect` are the other origins it may fetch from."""
    return EDITOR_POLICY.format(connect="".join(" " + origin for origin in connect))
