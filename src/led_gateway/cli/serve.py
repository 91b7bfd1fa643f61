"""``led-gateway serve``."""

from __future__ import annotations

import click

from led_gateway.cli.common import clear_errors, db_option, unit_of_work
from led_gateway.config import Settings
from led_gateway.wire.parsing import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, LIBXML2_MAX_DEPTH


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--threads", type=click.IntRange(min=1), default=4, show_default=True, help="Threads per worker."
)
@click.option(
    "--public-url", default=None, help="URL clients use to reach the gateway (for the WSDL address)."
)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1024),
    default=1_000_000,
    show_default=True,
    help="Largest request body; larger ones get HTTP 413 before they are read.",
)
@click.option(
    "--max-depth",
    type=click.IntRange(1, LIBXML2_MAX_DEPTH),
    default=DEFAULT_MAX_DEPTH,
    show_default=True,
    help="Deepest nesting of XML elements in a request.",
)
@click.option(
    "--max-elements",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ELEMENTS,
    show_default=True,
    help="Most XML elements in a request.",
)
@click.option(
    "--request-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Time one request may take, reading included; a client that stalls is cut off then.",
)
@clear_errors
def serve(
    db_url: str,
    host: str,
    port: int,
    workers: int,
    threads: int,
    public_url: str | None,
    max_body_bytes: int,
    max_depth: int,
    max_elements: int,
    request_timeout: float,
) -> None:
    """Serve every dienst over HTTP."""
    from led_gateway.serve import serve as run

    unit_of_work(db_url)
    settings = Settings(
        db_url=db_url,
        public_url=public_url,
        max_body_bytes=max_body_bytes,
        max_depth=max_depth,
        max_elements=max_elements,
        request_timeout=request_timeout,
    )
    run(settings, host, port, workers=workers, threads=threads)
