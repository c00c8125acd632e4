"""The one place an import reaches the network: a small HTTP client for published meeting lists.

It asks only for what changed (If-None-Match / If-Modified-Since), reads at most the import's
size limit, follows no redirect to another scheme, and refuses addresses inside this network
(loopback, private, link-local) unless `IMPORT_FETCH_PRIVATE_ADDRESSES` allows them: a staff
member's URL must not become a way to read the servers beside Liaison. Tests point it at a local
HTTP server serving files, with that setting on."""

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from liaison import limits

TIMEOUT_SECONDS = 30
USER_AGENT = "Liaison meeting list import (+https://github.com/)"


class FetchFailed(Exception):
    """The list could not be fetched; the message says why, in plain words."""


@dataclass
class Fetched:
    status: int  # 200, or 304 when nothing changed
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def _check_address(url: str):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("Only http:// and https:// addresses can be fetched.")
    if getattr(settings, "IMPORT_FETCH_PRIVATE_ADDRESSES", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchFailed(f"The host {parts.hostname} is not known ({error}).") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchFailed(f"{parts.hostname} is an address inside this network.")


class _NoCrossSchemeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def get(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    _check_address(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json, text/csv, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = urllib.request.build_opener(_NoCrossSchemeRedirects)
    try:
        with opener.open(
            urllib.request.Request(url, headers=headers), timeout=TIMEOUT_SECONDS
        ) as r:
            body = r.read(limits.IMPORT_MAX_BYTES + 1)
            if len(body) > limits.IMPORT_MAX_BYTES:
                raise FetchFailed(
                    f"The list is larger than {limits.IMPORT_MAX_BYTES // 1024 // 1024} MB."
                )
            return Fetched(
                status=r.status,
                body=body,
                etag=r.headers.get("ETag", ""),
                last_modified=r.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(status=304, etag=etag, last_modified=last_modified)
        raise FetchFailed(f"The server answered {error.code} {error.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchFailed(f"The server could not be reached ({reason}).") from None
