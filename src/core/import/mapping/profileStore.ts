import type { Db } from '../../store/database.ts';
import { profileSchema, type MappingProfile } from './profile.ts';

export function listProfiles(db: Db): string[] {
  return db.prepare('SELECT naam FROM profiel ORDER BY naam').pluck().all() as string[];
}

export function loadProfile(db: Db, naam: string): MappingProfile | null {
  const text = db.prepare('SELECT inhoud FROM profiel WHERE naam = ?').pluck().get(naam) as string | undefined;
  return text === undefined ? null : profileSchema.parse(JSON.parse(text));
}

export function saveProfile(db: Db, profile: MappingProfile, now = new Date()): void {
  db.prepare('INSERT INTO profiel (naam, inhoud, bijgewerkt) VALUES (?, ?, ?) ON CONFLICT (naam) DO UPDATE SET inhoud = excluded.inhoud, bijgewerkt = excluded.bijgewerkt').run(
    profile.naam,
    JSON.stringify(profileSchema.parse(profile)),
    now.toISOString(),
  );
}
