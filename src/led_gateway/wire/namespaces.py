"""XML namespaces of the SOAP envelope and of MAGDA's shared types."""

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
GENERIEK = "http://generiek-02_00.vip.vlaanderen.be"
BEWIJS = "http://bewijs.led.vlaanderen.be"
