"""The diensten the gateway serves, one module each."""

from led_gateway.services.annuleerbewijs import ANNULEER_BEWIJS
from led_gateway.services.geefauditlogging import GEEF_AUDIT_LOGGING
from led_gateway.services.geefbewijs import GEEF_BEWIJS
from led_gateway.services.geefmutatiesnotificaties import GEEF_MUTATIES_NOTIFICATIES
from led_gateway.services.isbeschikbaar import IS_BESCHIKBAAR
from led_gateway.services.registreerbewijs import REGISTREER_BEWIJS
from led_gateway.services.registreerinschrijving import REGISTREER_INSCHRIJVING
from led_gateway.services.registreermutatiebewijs import REGISTREER_MUTATIE_BEWIJS
from led_gateway.services.registreeruitschrijving import REGISTREER_UITSCHRIJVING

DIENSTEN = (
    GEEF_BEWIJS,
    IS_BESCHIKBAAR,
    REGISTREER_BEWIJS,
    ANNULEER_BEWIJS,
    REGISTREER_MUTATIE_BEWIJS,
    REGISTREER_INSCHRIJVING,
    REGISTREER_UITSCHRIJVING,
    GEEF_MUTATIES_NOTIFICATIES,
    GEEF_AUDIT_LOGGING,
)

__all__ = ["DIENSTEN"]
