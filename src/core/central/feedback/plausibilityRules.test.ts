import { describe, expect, test } from 'vitest';
import { loadPlausibilityRules, sentence } from './plausibilityRules.ts';

describe('plausibility rules (resources/plausibiliteit.csv)', () => {
  test('every rule has a known severity, a numeric threshold where given, and a sentence whose placeholders the report fills', () => {
    const rules = loadPlausibilityRules();
    expect(rules.length).toBeGreaterThan(10);
    const known = new Set(['onderwerp', 'richting', 'procent', 'verschil', 'vorige', 'vorig', 'aantal', 'waarde', 'referentie', 'factor', 'uitleg']);
    for (const rule of rules) {
      expect(rule.tekst).not.toBe('');
      for (const [, name] of rule.tekst.matchAll(/\{(\w+)\}/g)) expect(known).toContain(name);
    }
    expect(rules.filter((r) => r.controle === 'verandering_clienten').map((r) => [r.ernst, r.drempel])).toEqual([['waarschuwing', 25], ['fout', 50]]);
  });

  test('a placeholder without a value is an error, not an empty word', () => {
    expect(sentence('{onderwerp} is {richting}', { onderwerp: 'pijler WMO', richting: 'gestegen' })).toBe('Pijler WMO is gestegen');
    expect(() => sentence('{onderwerp}', {})).toThrow('{onderwerp}');
  });
});
