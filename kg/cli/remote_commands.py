"""`kg serve` and `kg push`: the commands that talk to the network."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from kg.cli import MAX_BYTES, MAX_SECONDS, MAX_WORKERS, StoreOpt, _n, _show, _store_path, app
from kg.errors import KgError, warning


@app.command()
def serve(
    store: Optional[Path] = StoreOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(7878, "--port", "-p", min=0, max=65535, help="TCP port."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, max=MAX_SECONDS,
                                  help="Seconds a query may run before it is stopped."),
    max_rows: int = typer.Option(10_000, "--max-rows", min=1, max=10_000_000,
                                 help="Result rows (or triples) sent at most; "
                                      "a cut result has the header X-Kg-Truncated."),
    max_query_bytes: int = typer.Option(65_536, "--max-query-bytes", min=64, max=MAX_BYTES,
                                        help="Longest query accepted."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, max=MAX_WORKERS,
                                help="Queries answered at once (worker processes)."),
    cors_origin: List[str] = typer.Option(["*"], "--cors-origin", help="Web origin browsers may query from "
                                          "(repeat for several; '*' any, the default; 'none' sends no CORS headers)."),
    max_memory: int = typer.Option(2048, "--max-memory", min=0, max=1 << 20, help="Megabytes of address space "
                                   "one query worker may use; a query past it gets 503 (0: no cap)."),
    allow_host: List[str] = typer.Option([], "--allow-host", help="A name clients may reach the endpoint by (Host "
                                         "header), besides IP addresses, localhost and --host; '*' for any."),
):
    """Serve the store as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql.

    GET or POST (form or application/sparql-query); SELECT/ASK as JSON, XML, CSV or TSV and
    CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD, by the Accept header. Updates, LOAD and
    SERVICE are refused. Documents built while it runs show up once `kg build` finishes.
    --port 0 takes a free port (the URL printed has it).

    Example: [bold]kg serve --store .kg --port 7878[/bold]
             [bold]kg serve --port 0 --cors-origin https://yasgui.example.org[/bold]
             [bold]curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/sparql[/bold]
    """
    from kg.outputs import serve as serving

    origins = () if [o.lower() for o in cors_origin] == ["none"] else tuple(cors_origin)
    config = serving.ServeConfig(store=_store_path(store), timeout=timeout, max_rows=max_rows,
                                 max_query_bytes=max_query_bytes, workers=workers, cors_origins=origins,
                                 max_memory_mb=max_memory, allowed_hosts=(host, *allow_host))
    if not serving.is_loopback(host):
        _show(warning("serve_public", host=host), "yellow")
    serving.serve(config, host, port, announce=lambda url: typer.echo(
        f"kg: serving {config.store} at {url} (read-only; Ctrl-C stops)", err=True))


@app.command()
def push(
    endpoint: str = typer.Option(..., "--endpoint", "-e", help="SPARQL 1.1 Update endpoint URL "
                                                                "(used when --graph-store is not given)."),
    graph_store: Optional[str] = typer.Option(None, "--graph-store", "-g", help="SPARQL 1.1 Graph Store Protocol URL: "
                                                                                "each graph is PUT there instead."),
    store: Optional[Path] = StoreOpt,
    user: Optional[str] = typer.Option(None, "--user", help="User name; the password is read from $KG_PUSH_PASSWORD."),
    digest: bool = typer.Option(False, "--digest", help="HTTP Digest authentication (Virtuoso) instead of Basic."),
    documents_only: bool = typer.Option(False, "--documents-only", help="Push only the documents' graphs, not the "
                                                                        "vocabulary and other named graphs."),
    sync: bool = typer.Option(False, "--sync", help="Also drop on the server the graphs of documents no longer in "
                                                    "the store (after `kg remove`); other graphs are left alone."),
    query_endpoint: Optional[str] = typer.Option(None, "--query-endpoint", "-q", help="--sync: the server's SPARQL "
                                                 "query URL, to list its graphs (default: guessed from --endpoint, "
                                                 "…/update -> …/query)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, max=MAX_SECONDS,
                                  help="Seconds each connect, read or write may wait."),
    deadline: float = typer.Option(1800.0, "--deadline", min=0.1, max=MAX_SECONDS,
                                   help="Seconds the whole push may take."),
):
    """Copy every document's named graph into a SPARQL 1.1 server, replacing it there (pushing twice
    changes nothing); with --sync, the server is left with the store's graphs only.

    Example: [bold]kg push --endpoint http://127.0.0.1:7878/update --graph-store http://127.0.0.1:7878/store[/bold]
             [bold]kg push --endpoint http://localhost:3030/kg/update --graph-store http://localhost:3030/kg/data[/bold]
             [bold]kg push --sync --endpoint http://localhost:3030/kg/update -q http://localhost:3030/kg/sparql[/bold]
    """
    import httpx

    from kg.errors import redact
    from kg.outputs.push import push as run_push
    from kg.rdf.store import Store

    auth = None
    if user:
        password = os.environ.get("KG_PUSH_PASSWORD")
        if not password:     # an empty password sent silently is a confusing 401 at best
            raise KgError("push_no_password", user=user)
        auth = httpx.DigestAuth(user, password) if digest else httpx.BasicAuth(user, password)
    st = Store(_store_path(store), read_only=True)
    report = run_push(st, endpoint, graph_store, auth=auth, documents_only=documents_only, timeout=timeout,
                      deadline=deadline, sync=sync, query_endpoint=query_endpoint)
    gone = f"; removed {_n(len(report.removed), 'graph')} of documents no longer in the store" if sync else ""
    typer.echo(f"pushed {_n(report.documents, 'document')} "
               f"({len(report.graphs)} graphs, {report.triples} triples) to {redact(graph_store or endpoint)}{gone}")
