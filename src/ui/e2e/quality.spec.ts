import { AppPage } from './AppPage.ts';
import { generatedFixtures } from './generatedFixtures.ts';
import { expect, test } from './harnessFixture.ts';
import { saveWorkbook } from './savedExport.ts';

const fixture = generatedFixtures(400, 20265);
const ORDER = ['Ernstig', 'Fout', 'Let op', 'Ter informatie', 'Vulgraad'];

test('Kwaliteit: each check as a sentence with its severity in word and colour, the most serious first, sortable and filterable', async ({ app, harness }) => {
  const shell = new AppPage(app);
  await shell.startGemeente(harness, [[fixture('GM9903', 'export_2026Q3.csv'), '2026Q3']]);
  await shell.open('Kwaliteit');
  const report = app.getByTestId('quality-report');
  const body = report.locator('tbody tr');
  await expect(body.first()).toContainText('Rijen gelezen');
  await expect(report).toContainText('Einddatum: ver in de toekomst, behandeld als doorlopend');
  await expect(report).toContainText('BSN: ingevuld (vulgraad)');
  // No codes as the words of a line (they stay in its tooltip).
  const sentences = await body.locator('td:nth-child(2)').allTextContents();
  for (const sentence of sentences) expect(sentence).not.toMatch(/_|^(vulgraad|ongeldig|dubbel)$/);
  await expect(body.nth(2).locator('td').nth(1)).toHaveAttribute('title', /·/);

  // The most serious first, after the count of rows read.
  const severities = (await body.locator('.severity').allTextContents()).slice(1);
  const ranks = severities.map((s) => ORDER.indexOf(s));
  expect(ranks.every((r) => r >= 0)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // A word and a colour: the badge of a serious line is not the badge of a fill rate.
  const colour = (word: string) => body.locator('.severity', { hasText: word }).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await colour('Ernstig')).not.toBe(await colour('Vulgraad'));
  await app.screenshot({ path: 'test-results/screens/gemeente-kwaliteit-ernst-1366x768.png' });

  // Filter on severity, then on words.
  await app.getByTestId('quality-filter-ernst').selectOption({ label: 'Let op' });
  expect(new Set(await body.locator('.severity').allTextContents())).toEqual(new Set(['Let op']));
  await app.getByTestId('quality-filter-ernst').selectOption({ label: 'alle' });
  await app.getByTestId('quality-filter-tekst').fill('einddatum');
  for (const line of await body.allTextContents()) expect(line.toLowerCase()).toContain('einddatum');
  await app.getByTestId('quality-filter-tekst').fill('');

  // Sort by count, both ways.
  const aantalHeader = report.getByRole('columnheader', { name: /Aantal/ });
  const counts = async () => (await body.locator('td:nth-child(3)').allTextContents()).map((t) => Number(t.replace(/\./g, '')));
  await aantalHeader.getByRole('button').click();
  await expect(aantalHeader).toHaveAttribute('aria-sort', 'ascending');
  const up = await counts();
  expect(up).toEqual([...up].sort((a, b) => a - b));
  await aantalHeader.getByRole('button').click();
  await expect(aantalHeader).toHaveAttribute('aria-sort', 'descending');
  const down = await counts();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await app.screenshot({ path: 'test-results/screens/gemeente-kwaliteit-gesorteerd-1366x768.png' });

  // A sentence opens its rows, and the rows' heading says the same sentence.
  await report.getByRole('button', { name: 'Einddatum: ver in de toekomst' }).click();
  await expect(app.getByRole('heading', { name: /^Rijen: Einddatum: ver in de toekomst, behandeld als doorlopend \(/ })).toBeVisible();

  // The Excel report: the same sentences and severities, the header frozen, filter buttons on it.
  const workbook = await saveWorkbook(harness, app, { button: 'Opslaan als Excel…', naam: 'kwaliteit-2026Q3.xlsx', line: 'text' });
  const summary = workbook.getWorksheet('Samenvatting')!;
  expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(summary.getRow(1).values).toEqual([undefined, 'Ernst', 'Bevinding', 'Gegeven', 'Controle', 'Aantal', 'Van', 'Percentage', 'Toelichting']);
  expect(summary.autoFilter).toBe(`A1:H${sentences.length + 1}`);
  expect(summary.getRow(2).getCell(2).value).toBe('Rijen gelezen');
  const findings = workbook.getWorksheet('Bevindingen')!;
  expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(String(findings.autoFilter)).toMatch(/^A1:F\d+$/);
});
