"""``led-gateway serve``."""

from __future__ import annotations

from pathlib import Path

import click

from led_gateway.audit.sleutel import default_protector
from led_gateway.cli.common import clear_errors, db_option, unit_of_work
from led_gateway.config import Settings
from led_gateway.wire.parsing import DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS, LIBXML2_MAX_DEPTH


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="Threads per worker (while one waits for the database or its audit record, others answer).",
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
@click.option(
    "--tls-cert",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Serve HTTPS with this certificate (PEM).",
)
@click.option(
    "--tls-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The key of --tls-cert (PEM).",
)
@click.option(
    "--tls-client-ca",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Require client certificates issued by this CA (PEM).",
)
@click.option(
    "--certificate-header",
    default=None,
    help="Behind a TLS-terminating proxy: the header with the client certificate's SHA-256.",
)
@click.option(
    "--trusted-proxy",
    "trusted_proxies",
    multiple=True,
    help="Address whose --certificate-header is believed; repeat for several.",
)
@click.option(
    "--require-signature",
    is_flag=True,
    help="Every request must carry a WS-Security signature of its Body by a registered certificate.",
)
@click.option(
    "--max-concurrent-per-caller",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Calls at once per caller and worker (0: no limit); more get 99996.",
)
@click.option(
    "--max-calls-per-second",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Calls a second per caller and worker (0: no limit); more get 99996.",
)
@click.option(
    "--access-log",
    default=None,
    metavar="FILE",
    help="Also write an HTTP access log line per request to FILE (- for standard output); "
    "the audit trail keeps every call either way.",
)
@click.option(
    "--metrics",
    is_flag=True,
    help="Count calls for Prometheus and serve the figures at /metrics (of all workers; "
    "PROMETHEUS_MULTIPROC_DIR: where the workers keep them, else a temporary directory).",
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
    tls_cert: Path | None,
    tls_key: Path | None,
    tls_client_ca: Path | None,
    certificate_header: str | None,
    trusted_proxies: tuple[str, ...],
    require_signature: bool,
    max_concurrent_per_caller: int,
    max_calls_per_second: float,
    access_log: str | None,
    metrics: bool,
) -> None:
    """Serve every dienst over HTTP, or HTTPS with --tls-cert."""
    if (tls_cert is None) != (tls_key is None):
        raise click.ClickException("--tls-cert and --tls-key go together")
    if tls_client_ca is not None and tls_cert is None:
        raise click.ClickException("--tls-client-ca needs --tls-cert and --tls-key")
    from led_gateway.serve import serve as run

    unit_of_work(db_url)
    default_protector()  # an unusable audit key is one clear error here, not workers failing to boot
    settings = Settings(
        db_url=db_url,
        public_url=public_url,
        max_body_bytes=max_body_bytes,
        max_depth=max_depth,
        max_elements=max_elements,
        request_timeout=request_timeout,
        tls_cert=tls_cert,
        tls_key=tls_key,
        tls_client_ca=tls_client_ca,
        certificate_header=certificate_header,
        trusted_proxies=frozenset(trusted_proxies),
        require_signature=require_signature,
        max_concurrent_per_caller=max_concurrent_per_caller,
        max_calls_per_second=max_calls_per_second,
        threads=threads,
        metrics=metrics,
    )
    run(settings, host, port, workers=workers, threads=threads, access_log=access_log)
