"""What the LED derives for a bewijs (Afgeleid): ISCED study field and level, VKS levels.

Sources deliver the Basis only. The study field follows from the first three
digits of Onderwerp/Code, which in LED data are the ISCED-97 field of study;
the level follows from the category, the degree and the kind of bewijs. What
cannot be derived is ``NBS``, "Niet beschikbaar", as in MAGDA's own replies.
"""

from __future__ import annotations

from led_gateway.domain.bewijs import NIET_BESCHIKBAAR

NBS, NIET_BESCHIKBAAR_NAAM = NIET_BESCHIKBAAR

#: ISCED-97 fields of study (three digits) with their Dutch names.
ISCED_STUDIEGEBIEDEN = {
    "010": "Basisopleidingen, algemene opleidingen",
    "090": "Persoonlijke ontwikkeling",
    "140": "Lerarenopleiding en onderwijskunde",
    "142": "Onderwijskunde",
    "143": "Opleiding van leraren kleuteronderwijs",
    "144": "Opleiding van leraren basisonderwijs",
    "145": "Opleiding van vakleerkrachten",
    "210": "Kunst",
    "211": "Beeldende kunst",
    "212": "Muziek en podiumkunsten",
    "213": "Audiovisuele technieken en mediaproductie",
    "214": "Design",
    "215": "Ambachtelijke technieken",
    "220": "Geesteswetenschappen",
    "221": "Godsdienst",
    "222": "Vreemde talen",
    "223": "Moedertaal",
    "225": "Geschiedenis en archeologie",
    "226": "Wijsbegeerte en ethiek",
    "310": "Sociale en gedragswetenschappen",
    "311": "Psychologie",
    "312": "Sociologie en cultuurwetenschappen",
    "313": "Politieke wetenschappen",
    "314": "Economie",
    "320": "Journalistiek en informatie",
    "340": "Bedrijfskunde en administratie",
    "341": "Groot- en kleinhandel",
    "342": "Marketing en reclame",
    "343": "Financiën, bankwezen en verzekeringen",
    "344": "Boekhouden en belastingen",
    "345": "Management en administratie",
    "346": "Secretariaat en kantoorwerk",
    "380": "Recht",
    "420": "Levenswetenschappen",
    "421": "Biologie",
    "422": "Milieuwetenschappen",
    "440": "Natuurwetenschappen",
    "441": "Fysica",
    "442": "Chemie",
    "443": "Aardwetenschappen",
    "460": "Wiskunde en statistiek",
    "480": "Informatica",
    "481": "Computerwetenschappen",
    "482": "Computergebruik",
    "520": "Ingenieurswetenschappen",
    "521": "Werktuigbouwkunde en metaalbewerking",
    "522": "Elektriciteit en energie",
    "523": "Elektronica en automatisatie",
    "524": "Chemische en procestechnologie",
    "525": "Motorvoertuigen, schepen en vliegtuigen",
    "540": "Productie en verwerking",
    "541": "Voedingsmiddelen",
    "542": "Textiel, kleding, schoeisel en leder",
    "543": "Materialen (hout, papier, kunststof, glas)",
    "580": "Architectuur en bouwkunde",
    "581": "Architectuur en stedenbouw",
    "582": "Bouw en civiele techniek",
    "620": "Landbouw, bosbouw en visserij",
    "621": "Akkerbouw en veeteelt",
    "622": "Tuinbouw",
    "640": "Diergeneeskunde",
    "720": "Gezondheidszorg",
    "721": "Geneeskunde",
    "723": "Verpleging en verzorging",
    "724": "Tandheelkunde",
    "725": "Medische diagnose en behandeling",
    "726": "Therapie en revalidatie",
    "727": "Farmacie",
    "760": "Sociale diensten",
    "761": "Kinderzorg en jeugdwerk",
    "762": "Sociaal werk en begeleiding",
    "810": "Persoonlijke dienstverlening",
    "811": "Horeca",
    "812": "Reizen, toerisme en vrije tijd",
    "813": "Sport",
    "814": "Huishoudelijke diensten",
    "815": "Haar- en schoonheidsverzorging",
    "840": "Transport",
    "850": "Milieubescherming",
    "851": "Milieubeschermingstechnologie",
    "860": "Beveiliging",
    "861": "Bescherming van personen en eigendommen",
    "862": "Arbeidsveiligheid en gezondheid",
    "863": "Defensie",
}


def isced_studiegebied(onderwerp_code: str) -> tuple[str, str]:
    """(code, naam) of the study field of an Onderwerp/Code, or NBS."""
    field = onderwerp_code[:3]
    naam = ISCED_STUDIEGEBIEDEN.get(field)
    return (field, naam) if naam else (NBS, NIET_BESCHIKBAAR_NAAM)


def _niveaus(categorie: str, graad: str, bewijstype: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(ISCED level, VKS education level) for what a source delivered."""
    graad = graad.lower()
    if categorie == "Hoger onderwijs":
        if "doctor" in graad:
            return ("6", "Doctoraat"), ("8", "Niveau 8")
        if "master" in graad or "licentiaat" in graad:
            return ("5A", "Hoger academisch onderwijs"), ("7", "Niveau 7")
        if "bachelor" in graad or "kandidaat" in graad:
            return ("5A", "Hoger academisch onderwijs"), ("6", "Niveau 6")
    if categorie == "Hoger beroepsonderwijs":
        return ("5B", "Hoger beroepsonderwijs"), ("5", "Niveau 5")
    if categorie == "Secundair onderwijs" and bewijstype == "Diploma":
        return ("3A", "ASO, TSO en KSO Secundair onderwijs"), ("4", "Niveau 4")
    unknown = (NBS, NIET_BESCHIKBAAR_NAAM)
    return unknown, unknown


def afgeleid(onderwerp_code: str, categorie: str, graad: str, bewijstype: str) -> dict[str, str]:
    """The Afgeleid fields of a bewijs, as :class:`~led_gateway.domain.bewijs.Bewijs` attributes."""
    studiegebied = isced_studiegebied(onderwerp_code)
    niveau, vks = _niveaus(categorie, graad, bewijstype)
    return {
        "isced_studiegebied_code": studiegebied[0],
        "isced_studiegebied_naam": studiegebied[1],
        "isced_niveau_code": niveau[0],
        "isced_niveau_naam": niveau[1],
        "vks_onderwijs_code": vks[0],
        "vks_onderwijs_naam": vks[1],
        "vks_beroeps_code": NBS,
        "vks_beroeps_naam": NIET_BESCHIKBAAR_NAAM,
    }
