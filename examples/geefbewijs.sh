#!/usr/bin/env bash
# GeefBewijs with curl and a raw envelope, as MAGDA's own Java client sends it.
#   make run            # in another terminal
#   examples/geefbewijs.sh [INSZ] [URL]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
insz="${1:-$("$here/.venv/bin/led-gateway" demo persons --db "sqlite:///$here/var/led.db" --limit 1)}"
url="${2:-http://127.0.0.1:8080}"
referte="$(cat /proc/sys/kernel/random/uuid)"
curl --silent --show-error \
  -H 'Content-Type: text/xml;charset=UTF-8' -H 'SOAPAction: ""' \
  --data-binary @- "$url/GeefBewijsDienst-02.00/soap/WebService" <<XML
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
                  xmlns:geef="http://geefbewijs.bewijsraadplegingdienst.led.vlaanderen.be">
  <soapenv:Header/>
  <soapenv:Body>
    <geef:GeefBewijs>
      <Verzoek>
        <Context>
          <Naam>GeefBewijs</Naam>
          <Versie>02.00.0000</Versie>
          <Bericht>
            <Type>VRAAG</Type>
            <Tijdstip><Datum>$(date +%F)</Datum><Tijd>$(date +%T).000</Tijd></Tijdstip>
            <Afzender>
              <Identificatie>demo.vlaanderen.be/afnemer-actief</Identificatie>
              <Referte>$referte</Referte>
              <Hoedanigheid>1300</Hoedanigheid>
            </Afzender>
          </Bericht>
        </Context>
        <Vragen>
          <Vraag>
            <Referte>$referte</Referte>
            <Inhoud><INSZ>$insz</INSZ></Inhoud>
          </Vraag>
        </Vragen>
      </Verzoek>
    </geef:GeefBewijs>
  </soapenv:Body>
</soapenv:Envelope>
XML
echo
