import { SETTINGS_AND_AUDIT_LOG, type Migration } from '../../store/migrations.ts';

/**
 * The analyst edition's catalogue (`wijkmonitor-analist.sqlite`): what was received, from whom,
 * in which version, and the reference data beside it. The records themselves are never here:
 * each accepted delivery is one immutable Parquet file under `records/` (see centralStore.ts),
 * written by DuckDB. Never edit an applied migration; add the next number.
 */
export const catalogueMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'analist: gemeenten, leveringen, akkoord, logboek',
    up: (db) => {
      db.exec(SETTINGS_AND_AUDIT_LOG);
      db.exec(`
        CREATE TABLE gemeente (
          code TEXT PRIMARY KEY CHECK (code GLOB 'GM[0-9][0-9][0-9][0-9]'),
          naam TEXT NOT NULL
        ) STRICT;
        -- Every file received, accepted or not. A refused file has no records and may have no
        -- readable manifest, so its gemeente and periode can be unknown.
        CREATE TABLE levering (
          id             INTEGER PRIMARY KEY,
          bestand        TEXT NOT NULL,
          sha256         TEXT NOT NULL,
          gemeente       TEXT REFERENCES gemeente (code),
          periode        TEXT,
          periode_begin  TEXT,
          periode_eind   TEXT,
          versie         INTEGER,
          rijen          INTEGER,
          sleutel        TEXT,
          app_versie     TEXT,
          aangemaakt     TEXT,
          ontvangen      TEXT NOT NULL,
          status         TEXT NOT NULL CHECK (status IN ('actueel', 'vervangen', 'geweigerd')),
          reden          TEXT,
          -- The key fingerprint differs from the gemeente's previous accepted delivery.
          sleutel_gewijzigd INTEGER NOT NULL DEFAULT 0 CHECK (sleutel_gewijzigd IN (0, 1)),
          -- Relative to the data folder: records/periode=<P>/gemeente=<GM>/<sha256-12>.parquet
          parquet        TEXT,
          -- levering.json's kwaliteit summary, and kwaliteit.csv's lines (fill rates) as JSON:
          -- the plausibility report reads them without opening the zip again.
          kwaliteit      TEXT NOT NULL DEFAULT '{}',
          kwaliteit_regels TEXT NOT NULL DEFAULT '[]',
          CHECK ((status = 'geweigerd') = (parquet IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX levering_geaccepteerd_sha256 ON levering (sha256) WHERE status <> 'geweigerd';
        CREATE UNIQUE INDEX levering_actueel ON levering (gemeente, periode) WHERE status = 'actueel';
        CREATE INDEX levering_gemeente_periode ON levering (gemeente, periode, versie);
        -- The gemeente's akkoord voor publicatie, for one version; a later version voids it
        -- because it names another levering row.
        CREATE TABLE akkoord (
          levering_id INTEGER PRIMARY KEY REFERENCES levering (id),
          door        TEXT NOT NULL,
          op          TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'analist: referentiegegevens (CBS, postcodes, geaggregeerde bronnen, kaarten)',
    up: (db) => {
      db.exec(`
        -- One row per reference data set imported; importing the same source and year again
        -- replaces its rows (ON DELETE CASCADE) in one transaction. An aggregated-sources file
        -- holds one data set per bron and periode (ZVW 2025Q1 is not replaced by ZVW 2025Q2).
        CREATE TABLE referentie_import (
          id        INTEGER PRIMARY KEY,
          soort     TEXT NOT NULL CHECK (soort IN ('cbs_kwb', 'cbs_pc6', 'bron', 'geojson')),
          jaar      INTEGER,
          bron      TEXT NOT NULL DEFAULT '',
          periode   TEXT NOT NULL DEFAULT '',
          bestand   TEXT NOT NULL,
          sha256    TEXT NOT NULL,
          rijen     INTEGER NOT NULL,
          ingelezen TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX referentie_import_bron ON referentie_import (soort, COALESCE(jaar, -1), bron, periode);
        -- CBS Kerncijfers wijken en buurten, per region and year.
        CREATE TABLE cbs_regio (
          import_id INTEGER NOT NULL REFERENCES referentie_import (id) ON DELETE CASCADE,
          jaar      INTEGER NOT NULL,
          code      TEXT NOT NULL,
          soort     TEXT NOT NULL CHECK (soort IN ('land', 'gemeente', 'wijk', 'buurt')),
          -- The OData typed dataset names only the gemeente, not its wijken and buurten.
          naam      TEXT,
          gemeente  TEXT,
          PRIMARY KEY (jaar, code)
        ) STRICT;
        -- Long form: the list of kenmerken is data (resources/), a missing value is no row.
        CREATE TABLE cbs_kenmerk (
          jaar    INTEGER NOT NULL,
          code    TEXT NOT NULL,
          kenmerk TEXT NOT NULL,
          waarde  REAL NOT NULL,
          PRIMARY KEY (jaar, code, kenmerk),
          FOREIGN KEY (jaar, code) REFERENCES cbs_regio (jaar, code) ON DELETE CASCADE
        ) STRICT;
        -- CBS pc6hnr…_gwb: addresses per PC6 and wijk (a PC6 may span wijken).
        CREATE TABLE cbs_pc6 (
          import_id INTEGER NOT NULL REFERENCES referentie_import (id) ON DELETE CASCADE,
          jaar      INTEGER NOT NULL,
          pc6       TEXT NOT NULL,
          buurt     TEXT NOT NULL,
          wijk      TEXT NOT NULL,
          gemeente  TEXT NOT NULL,
          adressen  INTEGER NOT NULL,
          PRIMARY KEY (jaar, pc6, buurt)
        ) STRICT;
        -- Aggregated sources per area: periode;gebied;bron;indicator;waarde.
        CREATE TABLE bron_cijfer (
          import_id INTEGER NOT NULL REFERENCES referentie_import (id) ON DELETE CASCADE,
          periode   TEXT NOT NULL,
          gebied    TEXT NOT NULL,
          bron      TEXT NOT NULL,
          indicator TEXT NOT NULL,
          waarde    REAL NOT NULL,
          PRIMARY KEY (periode, gebied, bron, indicator)
        ) STRICT;
        -- Wijk shapes for maps, as GeoJSON geometry in WGS84 (converted from RD New on import).
        -- Per year, like the CBS wijk- en buurtkaart: boundaries change with the wijkindeling.
        CREATE TABLE geo_gebied (
          import_id INTEGER NOT NULL REFERENCES referentie_import (id) ON DELETE CASCADE,
          jaar      INTEGER NOT NULL,
          code      TEXT NOT NULL,
          naam      TEXT,
          geometrie TEXT NOT NULL,
          PRIMARY KEY (jaar, code)
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'analist: referentiegroepen',
    up: (db) => {
      db.exec(`
        -- Reference groups of comparable wijken (benchmark/referenceGroups.ts), one set per CBS
        -- year, replaced as a whole by "central groups"; central export computes figures for them.
        CREATE TABLE referentiegroep (
          jaar     INTEGER NOT NULL,
          code     TEXT NOT NULL CHECK (code GLOB 'RG[0-9][0-9]'),
          naam     TEXT NOT NULL,
          klein    INTEGER NOT NULL CHECK (klein IN (0, 1)),
          wijken   INTEGER NOT NULL,
          inwoners REAL NOT NULL,
          PRIMARY KEY (jaar, code)
        ) STRICT;
        CREATE TABLE referentiegroep_wijk (
          jaar    INTEGER NOT NULL,
          wijk    TEXT NOT NULL,
          groep   TEXT NOT NULL,
          afstand REAL NOT NULL,
          PRIMARY KEY (jaar, wijk),
          FOREIGN KEY (jaar, groep) REFERENCES referentiegroep (jaar, code) ON DELETE CASCADE
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'analist: lasten van levering v2',
    up: (db) => {
      db.exec(`
        -- The lasten.csv of a levering v2 (toerekening), kept with its delivery: the figures
        -- engine allocates them whenever it uses that delivery (lasten/toerekeningScope.ts).
        CREATE TABLE levering_lasten (
          levering_id INTEGER NOT NULL REFERENCES levering (id) ON DELETE CASCADE,
          productcode TEXT NOT NULL,
          aanbieder   TEXT NOT NULL DEFAULT '',
          kosten      REAL NOT NULL CHECK (kosten >= 0),
          PRIMARY KEY (levering_id, productcode, aanbieder)
        ) STRICT;
      `);
    },
  },
  {
    version: 5,
    name: 'analist: pakketstatus en toelichting per gemeente en periode',
    up: (db) => {
      db.exec(`
        -- Set by "central pack" (--status, --toelichting) and shown in every file of the pack;
        -- kept so a later pack of the same period says the same unless it is changed.
        CREATE TABLE pakket_status (
          gemeente    TEXT NOT NULL CHECK (gemeente GLOB 'GM[0-9][0-9][0-9][0-9]'),
          periode     TEXT NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('voorlopig', 'definitief')),
          toelichting TEXT NOT NULL DEFAULT '',
          gewijzigd   TEXT NOT NULL,
          PRIMARY KEY (gemeente, periode)
        ) STRICT;
      `);
    },
  },
  {
    version: 6,
    name: 'analist: CBS Kerncijfers van één jaar uit meer bestanden, per gemeente',
    up: (db) => {
      db.exec(`
        -- A Kerncijfers file of a year replaces only the gemeenten it contains (cbs_regio.import_id
        -- says which file each region came from), so one year may have several imports; the other
        -- kinds are still one data set per soort, jaar, bron and periode.
        DROP INDEX referentie_import_bron;
        CREATE UNIQUE INDEX referentie_import_bron ON referentie_import (soort, COALESCE(jaar, -1), bron, periode) WHERE soort <> 'cbs_kwb';
      `);
    },
  },
  {
    version: 7,
    name: 'analist: drempels van de analist (publicatieminimum, kostenbreedte, kleine wijk, plausibiliteit)',
    up: (db) => {
      db.exec(`
        -- The analyst's own thresholds (central/settings/thresholds.ts names them); a threshold
        -- without a row has its default, so "standaard herstellen" deletes the row.
        CREATE TABLE analist_drempel (
          code      TEXT PRIMARY KEY,
          waarde    REAL NOT NULL,
          gewijzigd TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 8,
    name: 'analist: CBS 03759ned bevolking naar geslacht en leeftijd per gemeente',
    up: (db) => {
      db.exec(`
        -- CBS StatLine 03759ned (bevolking op 1 januari naar geslacht en leeftijd): the joint
        -- table per gemeente that seeds the standardisation's IPF. Its own registry, because
        -- referentie_import's CHECK on soort cannot be widened without rebuilding that table
        -- (whose rows every other reference table cascades from). Like the Kerncijfers, a file
        -- replaces in its year only the gemeenten it contains; an import left without rows goes.
        CREATE TABLE cbs_bevolking_import (
          id        INTEGER PRIMARY KEY,
          jaar      INTEGER NOT NULL,
          bestand   TEXT NOT NULL,
          sha256    TEXT NOT NULL,
          rijen     INTEGER NOT NULL,
          ingelezen TEXT NOT NULL
        ) STRICT;
        -- The file's finest age groups (single years or five-year groups), tot inclusive and
        -- NULL for the open group ("105 jaar of ouder"); geslacht 1 man, 2 vrouw.
        CREATE TABLE cbs_bevolking (
          import_id INTEGER NOT NULL REFERENCES cbs_bevolking_import (id) ON DELETE CASCADE,
          jaar      INTEGER NOT NULL,
          gemeente  TEXT NOT NULL CHECK (gemeente GLOB 'GM[0-9][0-9][0-9][0-9]'),
          geslacht  TEXT NOT NULL CHECK (geslacht IN ('1', '2')),
          van       INTEGER NOT NULL CHECK (van >= 0),
          tot       INTEGER CHECK (tot IS NULL OR tot >= van),
          aantal    REAL NOT NULL CHECK (aantal >= 0),
          PRIMARY KEY (jaar, gemeente, geslacht, van)
        ) STRICT;
        CREATE INDEX cbs_bevolking_import_id ON cbs_bevolking (import_id);
      `);
    },
  },
  {
    version: 9,
    name: 'analist: ijkperiode van de pakketten per release',
    up: (db) => {
      db.exec(`
        -- The base period the packs of a release compare with (pack/ijkperiode.ts): NULL the
        -- default (the same period a year earlier, else the earliest published one), 'geen' none.
        CREATE TABLE pakket_release (
          periode    TEXT PRIMARY KEY,
          ijkperiode TEXT,
          gewijzigd  TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

