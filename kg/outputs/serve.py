"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store (Starlette + uvicorn).

GET and POST (form-encoded or application/sparql-query) at /sparql; results chosen by the Accept
header. Updates, LOAD and SERVICE are refused with 403, oversized queries with 413; each query
runs in a worker process with a deadline (see kg.outputs.sparql_pool). CORS headers (Starlette's
middleware) let browser clients such as YASGUI query it; OPTIONS is answered. A browser opening `/` gets
a YASGUI query page, from the package's own files (kg/outputs/static, see VENDORED.md): no network.

A refusal's reason is in its body, but SPARQLWrapper shows only the status line of a 403, so the
403's reason phrase says it too (uvicorn takes phrases from a table; this process sets its 403 entry).
"""
from __future__ import annotations

import ipaddress
import json
import socket
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import KgError
from kg.model.vocab import PREFIXES
from kg.outputs.sparql_pool import Job, PoolBusy, QueryPool, QueryTimeout

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: the status line of a refusal (HTTP/1.1 403 <this>): what clients that drop the body still show
REFUSED_PHRASE = "Forbidden - read-only endpoint: SPARQL Update, LOAD and SERVICE are refused"
METHODS = ["GET", "POST", "OPTIONS"]


@dataclass
class ServeConfig:
    store: Path
    timeout: float = 10.0
    max_rows: int = 10_000
    max_query_bytes: int = 64 * 1024
    workers: int = 2
    cors_origins: tuple[str, ...] = ("*",)    # origins browsers may query from ("*": any; empty: no CORS)
    max_memory_mb: int = 2048    # address space of one query worker; 0: no cap
    allowed_hosts: tuple[str, ...] = ()    # Host header names answered besides IP addresses and localhost


def _error(status: int, code: str, **fields) -> PlainTextResponse:
    return PlainTextResponse(KgError(code, **fields).line() + "\n", status_code=status)


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def _posted(request: Request, config: ServeConfig, params: list) -> str | None | Response:
    """A POST's query (application/sparql-query), or None with its form fields added to `params`;
    an error response for an update, an oversized body or another media type."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:   # parameters may come from the URL and a form body; the body is limited to max_query_bytes
        body = await _read_body(request, config.max_query_bytes * 2 + 4096)
    except _TooLarge:
        return _error(413, "serve_too_large", limit=config.max_query_bytes)
    if ctype == "application/sparql-update":
        return _error(403, "serve_update_refused")
    if ctype == "application/sparql-query":
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, "serve_bad_request", reason="the query is not UTF-8")
    if ctype == "application/x-www-form-urlencoded":
        params += parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        return None
    return _error(415, "serve_media_type", ctype=ctype or "none")


async def _job(request: Request, config: ServeConfig) -> Job | Response:
    """The query job a request asks for (SPARQL 1.1 Protocol), or the error response refusing it."""
    params = list(request.query_params.multi_items())
    query = None
    if request.method == "POST":
        query = await _posted(request, config, params)
        if isinstance(query, Response):
            return query
    if "update" in {k for k, _ in params}:
        return _error(403, "serve_update_refused")
    if query is None:
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1:
            return _error(400, "serve_no_query")
        query = queries[0]
    if len(query.encode("utf-8")) > config.max_query_bytes:
        return _error(413, "serve_too_large", limit=config.max_query_bytes)
    return Job(query=query, accept=request.headers.get("accept"),
               fmt_param=next((v for k, v in params if k in ("format", "output", "results")), None),
               default_graphs=[v for k, v in params if k == "default-graph-uri"],
               named_graphs=[v for k, v in params if k == "named-graph-uri"], max_rows=config.max_rows)


class HostGuard:
    """ASGI middleware answering only requests whose Host header names this endpoint: an IP address, localhost,
    or a name in `allowed` ('*': any). A web page whose DNS name is rebound to 127.0.0.1 (DNS rebinding) still
    sends its own name as Host, so it gets 403 and cannot read the store through a visitor's browser."""

    def __init__(self, app, allowed: tuple[str, ...] = ()):
        self.app = app
        self.allowed = {h.lower().rstrip(".") for h in allowed} | {"localhost"}

    def allows(self, host: str) -> bool:
        name = host.strip().lower()
        if not name or "*" in self.allowed:
            return True                      # no Host at all: no browser sent it
        if name.startswith("["):
            name = name[1:name.find("]")]
        elif name.count(":") == 1:
            name = name.split(":")[0]
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name.rstrip(".") in self.allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if not self.allows(host):
                await _error(403, "serve_bad_host", host=host)(scope, receive, send)
                return
        await self.app(scope, receive, send)


HOME = ("kg SPARQL endpoint (read-only).\n"
        "Query it at /sparql with GET ?query=... or POST (application/sparql-query or form-encoded).\n"
        "The default graph holds each fact once: every entity's consolidated description (merged over the\n"
        "documents that mention it), the documents' articles, mentions and events, the event clusters and\n"
        "the vocabulary. GRAPH ?g { ... } reaches each document's own graph, what that document says.\n"
        "A browser opening this address gets a query page (YASGUI).\n")


#: the query the page opens with
EXAMPLE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("schema", "rdfs")) + (
    "SELECT ?person ?name WHERE {\n  ?person a schema:Person ; rdfs:label ?name\n}\nORDER BY ?name\nLIMIT 100")
#: the page's own files, by the name it asks for under /static/
STATIC = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}


@lru_cache(maxsize=None)
def _static(name: str) -> bytes:
    return resources.files("kg.outputs").joinpath("static", name).read_bytes()


def query_page() -> str:
    """The YASGUI page, its editor opened on EXAMPLE (as JSON, escaped for a <script>)."""
    example = json.dumps(EXAMPLE)[1:-1].replace("<", "\\u003c")
    return _static("query.html").decode("utf-8").replace("%%QUERY%%", example)


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        return PlainTextResponse("not found\n", status_code=404)
    return Response(_static(name), media_type=STATIC[name], headers={"Cache-Control": "max-age=3600"})


def _options() -> Response:
    """A plain OPTIONS (a CORS preflight is answered by the middleware before it gets here)."""
    return Response(status_code=204, headers={"Allow": ", ".join(METHODS)})


def _middleware(config: ServeConfig) -> list[Middleware]:
    if not config.cors_origins:
        return []
    return [Middleware(CORSMiddleware, allow_origins=list(config.cors_origins), allow_methods=METHODS,
                       allow_headers=["*"], expose_headers=["X-Kg-Truncated", "X-Kg-Row-Limit"], max_age=600)]


def create_app(config: ServeConfig) -> Starlette:
    """The ASGI app. Its worker processes start with the app's lifespan and stop with it."""
    from kg.rdf.store import Store
    Store(config.store, read_only=True)  # a missing or unreadable store fails here, in one line
    pool = QueryPool(config.store, config.workers, config.max_memory_mb)

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return _options()
        job = await _job(request, config)
        if isinstance(job, Response):
            return job
        try:
            reply = await run_in_threadpool(pool.run, job, config.timeout)
        except QueryTimeout:
            return _error(503, "serve_timeout", timeout=f"{config.timeout:g}")
        except PoolBusy:
            return _error(503, "serve_busy", timeout=f"{config.timeout:g}")
        headers = {"X-Kg-Truncated": "true", "X-Kg-Row-Limit": str(config.max_rows)} if reply.truncated else None
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)

    async def home(request: Request) -> Response:
        if request.method == "OPTIONS":
            return _options()
        if request.query_params.get("query") is not None or request.method == "POST":
            return await sparql(request)
        if "text/html" in request.headers.get("accept", ""):   # a browser: the query page
            return HTMLResponse(query_page())
        return PlainTextResponse(HOME)

    @asynccontextmanager
    async def lifespan(app):
        await run_in_threadpool(pool.start)
        try:
            yield
        finally:
            pool.close()

    return Starlette(routes=[Route("/sparql", sparql, methods=METHODS),
                             Route("/query", sparql, methods=METHODS),
                             Route("/", home, methods=METHODS),
                             Route("/static/{name}", static, methods=["GET"])],
                     middleware=[Middleware(HostGuard, allowed=config.allowed_hosts)] + _middleware(config),
                     lifespan=lifespan)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to the address (port 0: a free one), or one line saying why not (uvicorn would log
    and exit); the server listens on this very socket, so the port announced is the port served."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise KgError("serve_bind", host=host, port=port, reason=e.strerror) from None
    family, _, _, _, addr = infos[0]
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(addr)
    except OSError as e:
        s.close()
        raise KgError("serve_bind", host=host, port=port, reason=e.strerror or str(e)) from None
    return s


def url_of(sock: socket.socket) -> str:
    """The endpoint's URL, with the port actually bound."""
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"


def serve(config: ServeConfig, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, announce=None) -> None:
    """Run the endpoint until interrupted; `announce(url)` is called once the store and address are checked."""
    import uvicorn
    from uvicorn.protocols.http import h11_impl

    app = create_app(config)
    sock = bind(host, port)
    sock.listen(2048)          # connections made once the URL is out wait for the server instead of failing
    if announce is not None:
        announce(url_of(sock))
    h11_impl.STATUS_PHRASES[403] = REFUSED_PHRASE.encode("ascii")
    uv = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", http="h11")
    with sock:
        uvicorn.Server(uv).run(sockets=[sock])
