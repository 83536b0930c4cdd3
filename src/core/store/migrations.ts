import type { Database } from 'better-sqlite3';

export type Migration = {
  /** 1, 2, 3 … in order without gaps; stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up: (db: Database) => void;
};

/** Both editions' stores start with these two tables (settings, the audit log), alike. */
export const SETTINGS_AND_AUDIT_LOG = `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
`;

/** The schema's history. Never edit an applied migration; add the next number. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'instellingen en logboek',
    up: (db) => {
      db.exec(SETTINGS_AND_AUDIT_LOG);
    },
  },
  {
    version: 2,
    name: 'gemeente: imports, voorzieningen, indeling, leveringen',
    up: (db) => {
      // No BSN, name, street address or full birth date has a column here: the client and the
      // household are pseudonyms, the birth date is kept as a month, the address as its postcode.
      db.exec(`
        CREATE TABLE import_batch (
          id             INTEGER PRIMARY KEY,
          -- 'staging' while an import runs; flipped to 'klaar' in the import's last transaction.
          -- Everything reads only 'klaar' batches, and staging leftovers are removed at start.
          status         TEXT NOT NULL DEFAULT 'staging' CHECK (status IN ('staging', 'klaar')),
          periode        TEXT NOT NULL,
          bestand        TEXT NOT NULL,
          grootte        INTEGER NOT NULL,
          sha256         TEXT NOT NULL,
          ingelezen      TEXT NOT NULL,
          profiel        TEXT NOT NULL,
          sleutel        TEXT NOT NULL,
          rijen_gelezen  INTEGER NOT NULL,
          rijen_ingelezen INTEGER NOT NULL,
          rijen_uitgesloten INTEGER NOT NULL,
          kwaliteit      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX import_batch_sha256 ON import_batch (sha256);
        CREATE INDEX import_batch_periode ON import_batch (periode, id);

        CREATE TABLE voorziening (
          id             INTEGER PRIMARY KEY,
          batch_id       INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
          bron_rij       INTEGER NOT NULL,
          client         TEXT NOT NULL,
          huishouden     TEXT,
          geboortemaand  TEXT,
          geslacht       TEXT NOT NULL,
          pc4            TEXT,
          pc6            TEXT,
          pijler         TEXT,
          productcode    TEXT NOT NULL,
          product        TEXT,
          categorie      TEXT,
          begindatum     TEXT NOT NULL,
          einddatum      TEXT,
          aanbieder      TEXT,
          aanbieder_naam TEXT,
          volume         REAL,
          eenheid        TEXT,
          frequentie     TEXT,
          kosten         REAL,
          verwijzer      TEXT,
          reden_einde    TEXT,
          aanvraagdatum  TEXT
        ) STRICT;
        CREATE INDEX voorziening_batch ON voorziening (batch_id);

        CREATE TABLE bevinding (
          id        INTEGER PRIMARY KEY,
          batch_id  INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
          bron_rij  INTEGER NOT NULL,
          gegeven   TEXT NOT NULL,
          kolom     TEXT,
          controle  TEXT NOT NULL,
          uitgesloten INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX bevinding_batch ON bevinding (batch_id, gegeven, controle);

        CREATE TABLE product (
          productcode TEXT PRIMARY KEY,
          product     TEXT NOT NULL DEFAULT '',
          pijler      TEXT NOT NULL,
          categorie   TEXT NOT NULL DEFAULT '',
          voorziening TEXT NOT NULL,
          leefdomein  TEXT NOT NULL,
          financier   TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE gebied (
          postcode TEXT PRIMARY KEY,
          wijk     TEXT NOT NULL,
          wijknaam TEXT NOT NULL DEFAULT '',
          gebied   TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE levering (
          id          INTEGER PRIMARY KEY,
          periode     TEXT NOT NULL,
          gemeentecode TEXT NOT NULL,
          bestand     TEXT NOT NULL,
          aangemaakt  TEXT NOT NULL,
          rijen       INTEGER NOT NULL,
          sha256      TEXT NOT NULL,
          sleutel     TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'sleutel van de gemeente',
    up: (db) => {
      // The key itself only as the host's key store protected it (Electron safeStorage).
      db.exec(`
        CREATE TABLE sleutel (
          id              INTEGER PRIMARY KEY CHECK (id = 1),
          beveiligd       BLOB NOT NULL,
          vingerafdruk    TEXT NOT NULL,
          aangemaakt      TEXT NOT NULL,
          backup_bevestigd TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'akkoord op datakwaliteit per periode',
    up: (db) => {
      // The batches the acknowledgement covered: a new import for the period asks for it again.
      db.exec(`
        CREATE TABLE kwaliteit_akkoord (
          periode  TEXT PRIMARY KEY,
          batches  TEXT NOT NULL,
          akkoord  TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 5,
    name: 'koppelprofielen',
    up: (db) => {
      db.exec(`
        CREATE TABLE profiel (
          naam       TEXT PRIMARY KEY,
          inhoud     TEXT NOT NULL,
          bijgewerkt TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 6,
    name: 'bevindingen per regel van het rapport, in de volgorde van de export',
    up: (db) => {
      // The Kwaliteit grid pages through one (gegeven, controle) of the period's batches in the
      // export's order. Led by gegeven and controle, with the batch and row after them, SQLite
      // walks this index in that order even across several batches (an IN list), so a page is
      // a seek and a count, not a sort of every finding. bevinding_batch stays for the cascade
      // when a batch is deleted.
      db.exec(`
        CREATE INDEX bevinding_regel ON bevinding (gegeven, controle, batch_id, bron_rij);
      `);
    },
  },
  {
    version: 7,
    name: 'map van elke levering',
    up: (db) => {
      // Where a delivery was written, so the history can show it in its folder. Empty for
      // deliveries written before this version: their folder was never recorded.
      db.exec(`
        ALTER TABLE levering ADD COLUMN pad TEXT;
      `);
    },
  },
  {
    version: 8,
    name: 'programmering: streefwaarden per jaar',
    up: (db) => {
      // Empty text, not NULL, for "all": the key must be unique and SQLite treats NULLs as distinct.
      db.exec(`
        CREATE TABLE programmering (
          jaar        INTEGER NOT NULL,
          pijler      TEXT NOT NULL,
          productcode TEXT NOT NULL DEFAULT '',
          aanbieder   TEXT NOT NULL DEFAULT '',
          wijk        TEXT NOT NULL DEFAULT '',
          clienten    REAL,
          kosten      REAL,
          aandeel     REAL,
          PRIMARY KEY (jaar, pijler, productcode, aanbieder, wijk)
        ) STRICT;
      `);
    },
  },
  {
    version: 9,
    name: 'wijkkaart: vormen van de wijken voor de kaart op het Overzicht',
    up: (db) => {
      // The same GeoJSON the analyst imports, stored as WGS84 geometry (converted from RD New on
      // import); one map at a time: an import replaces the previous one.
      db.exec(`
        CREATE TABLE wijkkaart (
          code      TEXT PRIMARY KEY,
          jaar      INTEGER NOT NULL,
          naam      TEXT,
          geometrie TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 10,
    name: 'toerekening: lasten per periode',
    up: (db) => {
      // Empty aanbieder, not NULL, for the product's total: the key must be unique.
      db.exec(`
        CREATE TABLE lasten (
          periode     TEXT NOT NULL,
          productcode TEXT NOT NULL,
          aanbieder   TEXT NOT NULL DEFAULT '',
          kosten      REAL NOT NULL CHECK (kosten >= 0),
          PRIMARY KEY (periode, productcode, aanbieder)
        ) STRICT;
      `);
    },
  },
  {
    version: 11,
    name: 'benchmark: centrale releases',
    up: (db) => {
      // The benchmark file of the analyst edition (wijkmonitor-benchmark v1), one per period; a
      // newer file of the same period replaces it whole. Suppressed values are NULL with status
      // 'onderdrukt', as in the file: the gemeente never sees what the release hid.
      db.exec(`
        CREATE TABLE benchmark (
          periode     TEXT PRIMARY KEY,
          gemeente    TEXT NOT NULL,
          gemeentenaam TEXT NOT NULL,
          aangemaakt  TEXT NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('voorlopig', 'definitief')),
          toelichting TEXT NOT NULL,
          sha256      TEXT NOT NULL,
          ingelezen   TEXT NOT NULL
        ) STRICT;
        CREATE TABLE benchmark_cijfer (
          periode   TEXT NOT NULL REFERENCES benchmark (periode) ON DELETE CASCADE,
          gemeente  TEXT NOT NULL,
          wijk      TEXT NOT NULL,
          indicator TEXT NOT NULL,
          dimensie  TEXT NOT NULL,
          waarde    REAL,
          status    TEXT NOT NULL CHECK (status IN ('ok', 'onderdrukt')),
          PRIMARY KEY (periode, gemeente, wijk, indicator, dimensie)
        ) STRICT;
        CREATE TABLE benchmark_wijk (
          periode   TEXT NOT NULL REFERENCES benchmark (periode) ON DELETE CASCADE,
          wijk      TEXT NOT NULL,
          gemeente  TEXT NOT NULL,
          wijknaam  TEXT NOT NULL,
          inwoners  REAL,
          groep     TEXT NOT NULL,
          groepnaam TEXT NOT NULL,
          afstand   REAL,
          PRIMARY KEY (periode, wijk)
        ) STRICT;
      `);
    },
  },
];
