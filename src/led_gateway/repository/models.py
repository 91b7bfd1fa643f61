"""The tables of the LED gateway.

Bewijzen carry one column per single-valued leaf of MAGDA's Bewijs (named as
the attributes of :class:`led_gateway.domain.bewijs.Bewijs`) and one JSON
column per repeated group, and the whole bewijs once more as the XML it is
answered with. Afnemers carry their affiliation record; each
protocol (a renewal is a new row) says for which period, hoedanigheden and
scope the afnemer may consult; every status change is kept as a transition.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class BewijsRow(Base):
    __tablename__ = "bewijzen"
    __table_args__ = (
        UniqueConstraint("leverancier_naam", "leverancier_bewijsreferte", name="uq_bewijzen_bron"),
        Index("ix_bewijzen_insz", "insz"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insz: Mapped[str] = mapped_column(String(11))
    bewijsreferte: Mapped[str] = mapped_column(String(36), unique=True)
    bewijsmutatiereferte: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(2))
    gewijzigd_op: Mapped[datetime] = mapped_column(DateTime)
    leverancier_naam: Mapped[str] = mapped_column(String(100))
    leverancier_bewijsreferte: Mapped[str] = mapped_column(String(36))

    authenticiteit: Mapped[str] = mapped_column(String(255))
    categorie: Mapped[str] = mapped_column(String(255))
    graad: Mapped[str] = mapped_column(String(255))
    onderwijsvorm: Mapped[str] = mapped_column(String(255))
    finaliteit: Mapped[str | None] = mapped_column(String(255))
    behaald_via_evc: Mapped[bool | None] = mapped_column(Boolean)
    bewijstype: Mapped[str] = mapped_column(String(255))
    bewijsstaat: Mapped[str] = mapped_column(String(255))
    instantie: Mapped[str] = mapped_column(String(255))
    onderwerp_code: Mapped[str] = mapped_column(String(255))
    onderwerp_naam: Mapped[str | None] = mapped_column(String(255))
    led_onderwerp_nummer: Mapped[str | None] = mapped_column(String(255))
    uitreiking_jaar: Mapped[str] = mapped_column(String(4))
    uitreiking_maand: Mapped[str | None] = mapped_column(String(2))
    uitreiking_dag: Mapped[str | None] = mapped_column(String(2))
    volledige_naam: Mapped[str] = mapped_column(String(1000))
    land_code: Mapped[str] = mapped_column(String(255))
    taal_code: Mapped[str] = mapped_column(String(255))
    instelling_naam: Mapped[str] = mapped_column(String(120))
    instelling_nummer: Mapped[str | None] = mapped_column(String(6))
    schooltype: Mapped[str] = mapped_column(String(255))
    studierichting_naam: Mapped[str | None] = mapped_column(String(2000))
    studierichting_code: Mapped[str | None] = mapped_column(String(1000))
    specialisatie_naam: Mapped[str | None] = mapped_column(String(2000))
    specialisatie_code: Mapped[str | None] = mapped_column(String(1000))
    detail_onderwerp_naam: Mapped[str | None] = mapped_column(String(2000))
    detail_onderwerp_code: Mapped[str | None] = mapped_column(String(1000))
    vervalperiode: Mapped[str | None] = mapped_column(String(100))
    uren_volwassenenonderwijs: Mapped[str | None] = mapped_column(String(10))
    beroepskwalificaties: Mapped[list | None] = mapped_column(JSON)
    deelkwalificaties: Mapped[list | None] = mapped_column(JSON)
    supplementen: Mapped[list | None] = mapped_column(JSON)
    alternatieve_instanties: Mapped[list | None] = mapped_column(JSON)
    bijkomende_informaties: Mapped[list | None] = mapped_column(JSON)

    isced_studiegebied_code: Mapped[str] = mapped_column(String(255))
    isced_studiegebied_naam: Mapped[str | None] = mapped_column(String(500))
    isced_studiegebied2013_code: Mapped[str | None] = mapped_column(String(255))
    isced_studiegebied2013_naam: Mapped[str | None] = mapped_column(String(500))
    isced_niveau_code: Mapped[str] = mapped_column(String(255))
    isced_niveau_naam: Mapped[str | None] = mapped_column(String(500))
    isced_niveau2011_code: Mapped[str | None] = mapped_column(String(255))
    isced_niveau2011_naam: Mapped[str | None] = mapped_column(String(500))
    vks_onderwijs_code: Mapped[str] = mapped_column(String(255))
    vks_onderwijs_naam: Mapped[str | None] = mapped_column(String(500))
    vks_beroeps_code: Mapped[str] = mapped_column(String(255))
    vks_beroeps_naam: Mapped[str | None] = mapped_column(String(500))
    #: The bewijs as MAGDA's ``Bewijs`` element (UTF-8), written with the row: GeefBewijs copies it
    #: into its reply instead of building it anew on every call.
    wire: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class AfnemerRow(Base):
    """An afnemer and its affiliation record (DESIGN.md, "Affiliation")."""

    __tablename__ = "afnemers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(120), unique=True)
    naam: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20))
    # Intake
    doel: Mapped[str | None] = mapped_column(Text)
    gebruik: Mapped[str | None] = mapped_column(Text)
    kanaal: Mapped[str | None] = mapped_column(String(20))
    mutaties_nodig: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How it receives its mutations: pulled over the webdienst, or as published files (bestand).
    mutaties_via: Mapped[str] = mapped_column(String(20), default="webdienst", server_default="webdienst")
    gewenste_datum: Mapped[date | None] = mapped_column(Date)
    # DPIA
    dpia_vereist: Mapped[bool | None] = mapped_column(Boolean)
    dpia_vooronderzoek: Mapped[str | None] = mapped_column(Text)
    dpia_referte: Mapped[str | None] = mapped_column(String(255))
    # Connection to MAGDA
    magda_ticket: Mapped[str | None] = mapped_column(String(100))
    magda_aangesloten_op: Mapped[date | None] = mapped_column(Date)
    # Out of use
    uit_gebruik_op: Mapped[date | None] = mapped_column(Date)
    uit_gebruik_reden: Mapped[str | None] = mapped_column(String(40))
    uit_gebruik_toelichting: Mapped[str | None] = mapped_column(Text)

    protocollen: Mapped[list[ProtocolRow]] = relationship(
        back_populates="afnemer", order_by="ProtocolRow.id", lazy="selectin"
    )


class ProtocolRow(Base):
    """A signed protocol; a renewal adds a row, the latest one is in force."""

    __tablename__ = "protocollen"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afnemer_id: Mapped[int] = mapped_column(ForeignKey("afnemers.id"), index=True)
    referte: Mapped[str] = mapped_column(String(100))
    ondertekend_afnemer_op: Mapped[date] = mapped_column(Date)
    ondertekend_led_op: Mapped[date] = mapped_column(Date)
    dpo_advies_afnemer_positief: Mapped[bool] = mapped_column(Boolean)
    dpo_advies_led: Mapped[str | None] = mapped_column(Text)
    geldig_van: Mapped[date] = mapped_column(Date)
    geldig_tot: Mapped[date | None] = mapped_column(Date)
    hoedanigheden: Mapped[list] = mapped_column(JSON, default=list)
    scope_categorieen: Mapped[list | None] = mapped_column(JSON)
    scope_leveranciers: Mapped[list | None] = mapped_column(JSON)
    enkel_geregistreerde_personen: Mapped[bool] = mapped_column(Boolean, default=False)

    afnemer: Mapped[AfnemerRow] = relationship(back_populates="protocollen")


class AfnemerOvergangRow(Base):
    """One step of an afnemer's affiliation: never updated, never deleted."""

    __tablename__ = "afnemer_overgangen"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afnemer_id: Mapped[int] = mapped_column(ForeignKey("afnemers.id"), index=True)
    van_status: Mapped[str | None] = mapped_column(String(20))
    naar_status: Mapped[str] = mapped_column(String(20))
    tijdstip: Mapped[datetime] = mapped_column(DateTime)
    door: Mapped[str] = mapped_column(String(120))
    gegevens: Mapped[dict | None] = mapped_column(JSON)


class LeverancierRow(Base):
    """A source that delivers bewijzen, with the Leverancier/Naam values it may use."""

    __tablename__ = "leveranciers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(120), unique=True)
    naam: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20))
    leverancier_namen: Mapped[list] = mapped_column(JSON, default=list)


class InschrijvingRow(Base):
    """An afnemer's subscription to a person (its repertorium), from begin to einde (open: None)."""

    __tablename__ = "inschrijvingen"
    __table_args__ = (Index("ix_inschrijvingen_insz_afnemer", "insz", "afnemer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afnemer_id: Mapped[int] = mapped_column(ForeignKey("afnemers.id"))
    insz: Mapped[str] = mapped_column(String(11))
    hoedanigheid: Mapped[str | None] = mapped_column(String(24))
    begin: Mapped[date] = mapped_column(Date)
    einde: Mapped[date | None] = mapped_column(Date)
    ingeschreven_op: Mapped[datetime] = mapped_column(DateTime)
    uitgeschreven_op: Mapped[datetime | None] = mapped_column(DateTime)


class DekkingRow(Base):
    """One row of the coverage table (see :mod:`led_gateway.domain.dekking`)."""

    __tablename__ = "dekking"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    leverancier_naam: Mapped[str] = mapped_column(String(100))
    omschrijving: Mapped[str] = mapped_column(Text)
    opgenomen_vanaf: Mapped[date] = mapped_column(Date)
    volledig_vanaf: Mapped[date | None] = mapped_column(Date)
    eigen_verklaring: Mapped[bool] = mapped_column(Boolean, default=False)
    vanaf_leeftijd: Mapped[int] = mapped_column(Integer)


class MutatieRow(Base):
    """One accepted change to a bewijs: 01 Nieuw, 02 Wijziging, 03 Annulatie."""

    __tablename__ = "mutaties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referte: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(2))
    insz: Mapped[str] = mapped_column(String(11))
    bewijs_id: Mapped[int] = mapped_column(ForeignKey("bewijzen.id"), index=True)
    tijdstip: Mapped[datetime] = mapped_column(DateTime)
    #: The Metadata/Referte the source sent with a correction, if any.
    bron_referte: Mapped[str | None] = mapped_column(String(36))


class NotificatieRow(Base):
    """A mutation waiting for (or delivered to) one subscribed afnemer.

    ``ontvangst_id`` is set when the notification goes out in a batch
    (GeefMutatiesNotificaties) or a file (publiceer); ``afgeleverd_op`` once
    that batch is acknowledged or that file is safely written.
    """

    __tablename__ = "notificaties"
    __table_args__ = (Index("ix_notificaties_wachtend", "afnemer_id", "afgeleverd_op", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    afnemer_id: Mapped[int] = mapped_column(ForeignKey("afnemers.id"))
    mutatie_id: Mapped[int] = mapped_column(ForeignKey("mutaties.id"))
    inschrijving_id: Mapped[int] = mapped_column(ForeignKey("inschrijvingen.id"))
    ontvangst_id: Mapped[int | None] = mapped_column(ForeignKey("ontvangsten.id"), index=True)
    afgeleverd_op: Mapped[datetime | None] = mapped_column(DateTime)


class OntvangstRow(Base):
    """A batch of notifications handed to an afnemer, known to it by its Ontvangstreferte."""

    __tablename__ = "ontvangsten"
    __table_args__ = (Index("ix_ontvangsten_afnemer", "afnemer_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referte: Mapped[str] = mapped_column(String(36), unique=True)
    afnemer_id: Mapped[int] = mapped_column(ForeignKey("afnemers.id"))
    kanaal: Mapped[str] = mapped_column(String(20))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime)
    bevestigd_op: Mapped[datetime | None] = mapped_column(DateTime)


class AuditRow(Base):
    """One call to the gateway, kept for accountability. Rows are only added (and purged by age)."""

    __tablename__ = "audit"
    __table_args__ = (
        Index("ix_audit_afzender_tijdstip", "afzender", "ontvangen_op"),
        Index("ix_audit_ontvangen_op", "ontvangen_op"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ontvangen_op: Mapped[datetime] = mapped_column(DateTime)
    beantwoord_op: Mapped[datetime] = mapped_column(DateTime)
    dienst: Mapped[str] = mapped_column(String(60))
    versie: Mapped[str | None] = mapped_column(String(10))
    afzender: Mapped[str | None] = mapped_column(String(120))
    hoedanigheid: Mapped[str | None] = mapped_column(String(24))
    gebruiker_hash: Mapped[str | None] = mapped_column(String(64))
    afzender_referte: Mapped[str | None] = mapped_column(String(36))
    vraag_referte: Mapped[str | None] = mapped_column(String(36))
    antwoord_referte: Mapped[str | None] = mapped_column(String(36))
    uitkomst: Mapped[str] = mapped_column(String(20))
    codes: Mapped[str | None] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    duur_ms: Mapped[int] = mapped_column(Integer)


#: A person's role in a call (``AuditSubjectRow.rol``): asked about, answered about, or both.
ROL_VRAAG, ROL_ANTWOORD, ROL_BEIDE = "VRAAG", "ANTWOORD", "BEIDE"


class AuditSubjectRow(Base):
    """A person a call was about, hashed and encrypted: asked about (``rol`` VRAAG), answered
    about (ANTWOORD), or both (BEIDE).

    A consultation is usually answered about the person it asked about: one
    row for both halves the rows the trail adds per call, and the random
    inserts into the hash index with them.
    """

    __tablename__ = "audit_subjecten"
    __table_args__ = (Index("ix_audit_subjecten_hash", "insz_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    rol: Mapped[str] = mapped_column(String(10))
    insz_hash: Mapped[str] = mapped_column(String(64))
    insz_versleuteld: Mapped[str] = mapped_column(String(200))

    @property
    def rollen(self) -> tuple[str, ...]:
        """The message halves the person appeared in: VRAAG, ANTWOORD or both."""
        return (ROL_VRAAG, ROL_ANTWOORD) if self.rol == ROL_BEIDE else (self.rol,)


class CertificaatRow(Base):
    """A client certificate (its SHA-256 fingerprint) of an afnemer or leverancier.

    Removing one sets ``verwijderd_op``: the history of who could call with
    which certificate is kept.
    """

    __tablename__ = "certificaten"
    __table_args__ = (Index("ix_certificaten_eigenaar", "eigenaar"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    eigenaar: Mapped[str] = mapped_column(String(120))
    vingerafdruk: Mapped[str] = mapped_column(String(64))
    omschrijving: Mapped[str | None] = mapped_column(String(255))
    toegevoegd_op: Mapped[datetime] = mapped_column(DateTime)
    toegevoegd_door: Mapped[str] = mapped_column(String(120))
    verwijderd_op: Mapped[datetime | None] = mapped_column(DateTime)
    verwijderd_door: Mapped[str | None] = mapped_column(String(120))
