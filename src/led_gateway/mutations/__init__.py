"""Changes to bewijzen in bulk, outside the SOAP calls: initial loads from a source
(:mod:`~led_gateway.mutations.bewijs_import`) and the publication of mutations as files
(:mod:`~led_gateway.mutations.publicatie`)."""
