import { periodeInWords } from '../../shared/periodText.ts';

export interface CaptionFacts {
  titel: string;
  gemeente: string | null;
  periode: string;
  /** The day the picture was made, ISO. */
  datum: string;
}

/**
 * What a saved chart says about itself: a PNG travels into slides and mails without the screen
 * around it, so the title, the gemeente, the period and its internal status go inside the picture.
 */
export function pngCaption(f: CaptionFacts): { kop: string; regels: string[] } {
  const [year, month, day] = f.datum.slice(0, 10).split('-');
  return {
    kop: f.titel,
    regels: [
      `${f.gemeente ?? 'Gemeente'} · ${periodeInWords(f.periode)}`,
      `INTERN – niet onderdrukt, niet voor publicatie · Bron: Wijkmonitor, eigen registratie gemeente · ${day}-${month}-${year}`,
    ],
  };
}

const SCALE = 2;
const PADDING = 16 * SCALE;
const HEAD = 18 * SCALE;
const LINE = 13 * SCALE;

/** The chart's PNG (a data URL at pixel ratio 2) with the caption drawn above and below it. */
export async function captionedPng(chartPng: string, facts: CaptionFacts): Promise<string> {
  const image = new Image();
  image.src = chartPng;
  await image.decode();
  const caption = pngCaption(facts);
  const top = PADDING + HEAD + PADDING / 2;
  const bottom = PADDING / 2 + caption.regels.length * (LINE + 6 * SCALE) + PADDING / 2;
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = top + image.height + bottom;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1d2a36';
  ctx.textBaseline = 'top';
  ctx.font = `600 ${HEAD}px sans-serif`;
  ctx.fillText(caption.kop, PADDING, PADDING, canvas.width - 2 * PADDING);
  ctx.drawImage(image, 0, top);
  ctx.font = `${LINE}px sans-serif`;
  caption.regels.forEach((regel, i) => {
    ctx.fillStyle = i === caption.regels.length - 1 ? '#8a1c1c' : '#1d2a36';
    ctx.fillText(regel, PADDING, top + image.height + PADDING / 2 + i * (LINE + 6 * SCALE), canvas.width - 2 * PADDING);
  });
  return canvas.toDataURL('image/png');
}
