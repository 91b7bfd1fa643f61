"""The LED gateway: MAGDA-compatible SOAP access to the Flemish LED.

``create_app(settings)`` gives the WSGI application; ``led-gateway`` is the
command line (see :mod:`led_gateway.cli`).
"""

__version__ = "0.1.0"
