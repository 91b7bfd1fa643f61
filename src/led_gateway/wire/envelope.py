"""The SOAP 1.1 envelope, with Spyne doing HTTP, routing and faults.

Spyne's object mapping is bypassed: :class:`MagdaSoap11` parses the envelope
with the hardened parser, hands the Body child to the operation as an lxml
element (after validating it against the dienst's XSD) and puts the element
the operation returns into the reply Body as it is. MAGDA's messages qualify
only the operation element, which Spyne's own serializer cannot express.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lxml import etree
from spyne import AnyXml, Application, ServiceBase, const, rpc
from spyne.error import RequestTooLongError
from spyne.model.fault import Fault
from spyne.protocol.soap import Soap11

from led_gateway.wire.bewijs import splice_stored
from led_gateway.wire.namespaces import SOAP_ENV
from led_gateway.wire.parsing import DEFAULT_LIMITS, MalformedXml, XmlLimitExceeded, XmlLimits, parse_xml
from led_gateway.wire.validation import Finding, RequestSchema

HTTP_400 = "400 Bad Request"
HTTP_405 = "405 Method Not Allowed"
HTTP_408 = "408 Request Timeout"
HTTP_413 = "413 Request Entity Too Large"

#: Bytes read from the request stream at a time.
_READ_BLOCK = 64 * 1024

# Spyne runs a full gc.collect() after a call at most once a second, to close files it may
# have opened for attachments. We open none, and under load that pause, which stops every
# thread of the worker, was an eighth of the CPU time and the slowest calls' wait.
const.MIN_GC_INTERVAL = math.inf


@dataclass
class CallState:
    """What the envelope learnt about a call, for the operation to use."""

    findings: list[Finding] = field(default_factory=list)


class MagdaSoap11(Soap11):
    """SOAP 1.1 whose Body child travels as raw XML, validated by ``schema``.

    The body is read from the WSGI stream here, not by Spyne: a body that
    announces more than ``max_body_bytes`` is refused before a byte of it is
    read, and one without a length (chunked) is read to one byte past the
    limit at most. The XML is then held to ``limits`` while it is parsed,
    before anything looks at it.
    """

    def __init__(
        self,
        schema: RequestSchema | None = None,
        max_body_bytes: int = 1_000_000,
        limits: XmlLimits = DEFAULT_LIMITS,
    ) -> None:
        super().__init__()
        self.schema = schema
        self.max_body_bytes = max_body_bytes
        self.limits = limits

    def create_in_document(self, ctx, charset=None) -> None:
        """Read the body (refusing oversized and incomplete ones) and parse it safely."""
        if ctx.transport.get_request_method() != "POST":
            ctx.transport.resp_code = HTTP_405
            raise Fault("Client.RequestNotAllowed", "a SOAP request is an HTTP POST")
        data = self.read_body(ctx)
        try:
            ctx.in_document = (parse_xml(data, self.limits), None)
        except XmlLimitExceeded as exc:
            raise Fault("Client.XMLLimitExceeded", str(exc)) from None
        except MalformedXml as exc:
            raise Fault("Client.XMLSyntaxError", str(exc)) from None

    def read_body(self, ctx) -> bytes:
        environ = getattr(ctx.transport, "req_env", None)
        if not isinstance(environ, dict) or environ.get("wsgi.input") is None:
            return self._read_spyne_stream(ctx)
        declared = str(environ.get("CONTENT_LENGTH") or "").strip()
        if declared:
            if not declared.isdigit():
                ctx.transport.resp_code = HTTP_400
                raise Fault("Client.BadRequest", "the Content-Length header is not a number")
            length = int(declared)
            if length > self.max_body_bytes:
                raise self._too_long(ctx)
            wanted = length
        elif environ.get("wsgi.input_terminated"):
            # Chunked, or otherwise without a length: one byte past the limit tells a body too long.
            wanted = self.max_body_bytes + 1
        else:
            # HTTP/1.1: neither a length nor chunked framing means there is no body.
            wanted = 0
        stream = environ["wsgi.input"]
        chunks: list[bytes] = []
        received = 0
        complete = True
        while received < wanted:
            try:
                chunk = stream.read(min(_READ_BLOCK, wanted - received))
            except Exception:  # a broken connection, the request time limit, malformed chunked framing
                complete = False
                break
            if not chunk:
                complete = not declared
                break
            chunks.append(chunk)
            received += len(chunk)
        if received > self.max_body_bytes:
            raise self._too_long(ctx)
        if not complete:
            ctx.transport.resp_code = HTTP_408
            announced = f" of the {declared} announced" if declared else ""
            raise Fault(
                "Client.IncompleteRequest",
                f"the request body did not arrive completely ({received} bytes{announced}): "
                "the client stopped sending it, or did not send it within the time allowed",
            )
        return b"".join(chunks)

    def _read_spyne_stream(self, ctx) -> bytes:
        """The body as Spyne's transport hands it over, for transports other than WSGI."""
        try:
            data = b"".join(ctx.in_string)
        except RequestTooLongError:
            raise self._too_long(ctx) from None
        if len(data) > self.max_body_bytes:
            raise self._too_long(ctx)
        return data

    def _too_long(self, ctx) -> Fault:
        ctx.transport.resp_code = HTTP_413
        return Fault("Client.RequestTooLong", f"the request body exceeds {self.max_body_bytes} bytes")

    def decompose_incoming_envelope(self, ctx, message=Soap11.REQUEST) -> None:
        envelope, _ = ctx.in_document
        if envelope.tag != f"{{{SOAP_ENV}}}Envelope":
            raise Fault("Client.SoapError", "the document is not a SOAP 1.1 Envelope")
        body = envelope.find(f"{{{SOAP_ENV}}}Body")
        if body is None or len(body) == 0 or not isinstance(body[0].tag, str):
            raise Fault("Client.SoapError", "the SOAP Body holds no request element")
        ctx.in_document = envelope
        ctx.in_header_doc = None
        ctx.in_body_doc = body[0]
        ctx.method_request_string = body[0].tag
        self.validate_body(ctx, message)

    def validate_body(self, ctx, message) -> None:
        """Record XSD findings; the dienst answers them with a Repliek-level uitzondering."""
        state = CallState()
        if self.schema is not None:
            state.findings = self.schema.findings(ctx.in_body_doc)
        ctx.udc = state

    def deserialize(self, ctx, message) -> None:
        self.event_manager.fire_event("before_deserialize", ctx)
        ctx.in_object = ctx.in_body_doc
        self.event_manager.fire_event("after_deserialize", ctx)

    def serialize(self, ctx, message) -> None:
        if ctx.out_error is not None:
            super().serialize(ctx, message)
            return
        self.event_manager.fire_event("before_serialize", ctx)
        envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV})
        etree.SubElement(envelope, f"{{{SOAP_ENV}}}Header")
        ctx.out_body_doc = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
        ctx.out_body_doc.append(ctx.out_object[0])
        ctx.out_document = envelope
        self.event_manager.fire_event("after_serialize", ctx)

    def create_out_string(self, ctx, charset=None) -> None:
        """The reply as bytes, with stored bewijzen in their placeholders' place (wire.bewijs)."""
        super().create_out_string(ctx, charset)
        if ctx.out_error is None:
            ctx.out_string = [splice_stored(b"".join(ctx.out_string))]


def soap_application(operation: str, namespace: str, respond, protocol: MagdaSoap11) -> Application:
    """A Spyne application with one operation whose body is answered by ``respond``.

    ``respond(body_element, findings)`` returns the reply body element.
    """

    def call(ctx, body):
        return respond(body, ctx.udc.findings)

    call.__name__ = operation
    method = rpc(AnyXml, _returns=AnyXml, _body_style="bare", _in_message_name=operation)(call)
    service = type(f"{operation}Service", (ServiceBase,), {operation: method})
    return Application(
        [service], tns=namespace, name=operation, in_protocol=protocol, out_protocol=MagdaSoap11()
    )


def fault_envelope(code: str, message: str) -> bytes:
    """A SOAP 1.1 Fault for requests that reach no dienst at all."""
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV})
    fault = etree.SubElement(etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body"), f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(fault, "faultcode").text = f"soapenv:{code}"
    etree.SubElement(fault, "faultstring").text = message
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
