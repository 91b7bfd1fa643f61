"""initial schema: bewijzen, afnemers, protocollen, overgangen, leveranciers

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 04:11:29.143066
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "afnemers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(length=120), nullable=False),
        sa.Column("naam", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("doel", sa.Text(), nullable=True),
        sa.Column("gebruik", sa.Text(), nullable=True),
        sa.Column("kanaal", sa.String(length=20), nullable=True),
        sa.Column("mutaties_nodig", sa.Boolean(), nullable=False),
        sa.Column("gewenste_datum", sa.Date(), nullable=True),
        sa.Column("dpia_vereist", sa.Boolean(), nullable=True),
        sa.Column("dpia_vooronderzoek", sa.Text(), nullable=True),
        sa.Column("dpia_referte", sa.String(length=255), nullable=True),
        sa.Column("magda_ticket", sa.String(length=100), nullable=True),
        sa.Column("magda_aangesloten_op", sa.Date(), nullable=True),
        sa.Column("uit_gebruik_op", sa.Date(), nullable=True),
        sa.Column("uit_gebruik_reden", sa.String(length=40), nullable=True),
        sa.Column("uit_gebruik_toelichting", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identificatie"),
    )
    op.create_table(
        "bewijzen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("insz", sa.String(length=11), nullable=False),
        sa.Column("bewijsreferte", sa.String(length=36), nullable=False),
        sa.Column("bewijsmutatiereferte", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=2), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(), nullable=False),
        sa.Column("leverancier_naam", sa.String(length=100), nullable=False),
        sa.Column("leverancier_bewijsreferte", sa.String(length=36), nullable=False),
        sa.Column("authenticiteit", sa.String(length=255), nullable=False),
        sa.Column("categorie", sa.String(length=255), nullable=False),
        sa.Column("graad", sa.String(length=255), nullable=False),
        sa.Column("onderwijsvorm", sa.String(length=255), nullable=False),
        sa.Column("finaliteit", sa.String(length=255), nullable=True),
        sa.Column("behaald_via_evc", sa.Boolean(), nullable=True),
        sa.Column("bewijstype", sa.String(length=255), nullable=False),
        sa.Column("bewijsstaat", sa.String(length=255), nullable=False),
        sa.Column("instantie", sa.String(length=255), nullable=False),
        sa.Column("onderwerp_code", sa.String(length=255), nullable=False),
        sa.Column("onderwerp_naam", sa.String(length=255), nullable=True),
        sa.Column("led_onderwerp_nummer", sa.String(length=255), nullable=True),
        sa.Column("uitreiking_jaar", sa.String(length=4), nullable=False),
        sa.Column("uitreiking_maand", sa.String(length=2), nullable=True),
        sa.Column("uitreiking_dag", sa.String(length=2), nullable=True),
        sa.Column("volledige_naam", sa.String(length=1000), nullable=False),
        sa.Column("land_code", sa.String(length=255), nullable=False),
        sa.Column("taal_code", sa.String(length=255), nullable=False),
        sa.Column("instelling_naam", sa.String(length=120), nullable=False),
        sa.Column("instelling_nummer", sa.String(length=6), nullable=True),
        sa.Column("schooltype", sa.String(length=255), nullable=False),
        sa.Column("studierichting_naam", sa.String(length=2000), nullable=True),
        sa.Column("studierichting_code", sa.String(length=1000), nullable=True),
        sa.Column("specialisatie_naam", sa.String(length=2000), nullable=True),
        sa.Column("specialisatie_code", sa.String(length=1000), nullable=True),
        sa.Column("detail_onderwerp_naam", sa.String(length=2000), nullable=True),
        sa.Column("detail_onderwerp_code", sa.String(length=1000), nullable=True),
        sa.Column("vervalperiode", sa.String(length=100), nullable=True),
        sa.Column("uren_volwassenenonderwijs", sa.String(length=10), nullable=True),
        sa.Column("beroepskwalificaties", sa.JSON(), nullable=True),
        sa.Column("deelkwalificaties", sa.JSON(), nullable=True),
        sa.Column("supplementen", sa.JSON(), nullable=True),
        sa.Column("alternatieve_instanties", sa.JSON(), nullable=True),
        sa.Column("bijkomende_informaties", sa.JSON(), nullable=True),
        sa.Column("isced_studiegebied_code", sa.String(length=255), nullable=False),
        sa.Column("isced_studiegebied_naam", sa.String(length=500), nullable=True),
        sa.Column("isced_studiegebied2013_code", sa.String(length=255), nullable=True),
        sa.Column("isced_studiegebied2013_naam", sa.String(length=500), nullable=True),
        sa.Column("isced_niveau_code", sa.String(length=255), nullable=False),
        sa.Column("isced_niveau_naam", sa.String(length=500), nullable=True),
        sa.Column("isced_niveau2011_code", sa.String(length=255), nullable=True),
        sa.Column("isced_niveau2011_naam", sa.String(length=500), nullable=True),
        sa.Column("vks_onderwijs_code", sa.String(length=255), nullable=False),
        sa.Column("vks_onderwijs_naam", sa.String(length=500), nullable=True),
        sa.Column("vks_beroeps_code", sa.String(length=255), nullable=False),
        sa.Column("vks_beroeps_naam", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bewijsreferte"),
        sa.UniqueConstraint("leverancier_naam", "leverancier_bewijsreferte", name="uq_bewijzen_bron"),
    )
    with op.batch_alter_table("bewijzen", schema=None) as batch_op:
        batch_op.create_index("ix_bewijzen_insz", ["insz"], unique=False)

    op.create_table(
        "leveranciers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(length=120), nullable=False),
        sa.Column("naam", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("leverancier_namen", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("identificatie"),
    )
    op.create_table(
        "afnemer_overgangen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afnemer_id", sa.Integer(), nullable=False),
        sa.Column("van_status", sa.String(length=20), nullable=True),
        sa.Column("naar_status", sa.String(length=20), nullable=False),
        sa.Column("tijdstip", sa.DateTime(), nullable=False),
        sa.Column("door", sa.String(length=120), nullable=False),
        sa.Column("gegevens", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["afnemer_id"],
            ["afnemers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("afnemer_overgangen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_afnemer_overgangen_afnemer_id"), ["afnemer_id"], unique=False)

    op.create_table(
        "protocollen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("afnemer_id", sa.Integer(), nullable=False),
        sa.Column("referte", sa.String(length=100), nullable=False),
        sa.Column("ondertekend_afnemer_op", sa.Date(), nullable=False),
        sa.Column("ondertekend_led_op", sa.Date(), nullable=False),
        sa.Column("dpo_advies_afnemer_positief", sa.Boolean(), nullable=False),
        sa.Column("dpo_advies_led", sa.Text(), nullable=True),
        sa.Column("geldig_van", sa.Date(), nullable=False),
        sa.Column("geldig_tot", sa.Date(), nullable=True),
        sa.Column("hoedanigheden", sa.JSON(), nullable=False),
        sa.Column("scope_categorieen", sa.JSON(), nullable=True),
        sa.Column("scope_leveranciers", sa.JSON(), nullable=True),
        sa.Column("enkel_geregistreerde_personen", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["afnemer_id"],
            ["afnemers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("protocollen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_protocollen_afnemer_id"), ["afnemer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("protocollen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_protocollen_afnemer_id"))

    op.drop_table("protocollen")
    with op.batch_alter_table("afnemer_overgangen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_afnemer_overgangen_afnemer_id"))

    op.drop_table("afnemer_overgangen")
    op.drop_table("leveranciers")
    with op.batch_alter_table("bewijzen", schema=None) as batch_op:
        batch_op.drop_index("ix_bewijzen_insz")

    op.drop_table("bewijzen")
    op.drop_table("afnemers")
