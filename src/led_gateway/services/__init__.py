"""The diensten the gateway serves, one module each."""

from led_gateway.services.geefbewijs import GEEF_BEWIJS
from led_gateway.services.isbeschikbaar import IS_BESCHIKBAAR

DIENSTEN = (GEEF_BEWIJS, IS_BESCHIKBAAR)

__all__ = ["DIENSTEN"]
