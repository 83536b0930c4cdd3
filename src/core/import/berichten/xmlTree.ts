import { SaxesParser } from 'saxes';

/**
 * A small element tree of one part of a message (a Header, a Client, one declared Client): the
 * parts are small even when the document is not, so a 323 of a large provider streams through
 * part by part. Names are local names; namespaces are checked once on the root.
 */
export type XmlNode = { name: string; text: string; line: number; children: XmlNode[] };

export type XmlPart = {
  node: XmlNode;
  /** Element path of the part, with a 1-based index where a name repeats: `Bericht/Declaratie/Clienten/Client[3]`. */
  pad: string;
};

export type XmlStreamHandlers = {
  /** The root element's namespace, told before any part. */
  root(localName: string, uri: string): void;
  /** Whether the element at this path (local names, no indexes) starts a part. */
  isPart(pathNames: string): boolean;
  part(part: XmlPart): void;
  /** Leaf text outside any part (the Declaratie's number and period), by path without indexes. */
  context?(pathNames: string, text: string): void;
};

export class XmlSyntaxError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`XML syntax error at line ${line}`);
    this.line = line;
  }
}

const CHUNK = 64 * 1024;

/** Streams one document through saxes in chunks and hands over its parts. */
export function streamXml(data: Buffer, handlers: XmlStreamHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const names: string[] = [];
  const counters: Map<string, number>[] = [new Map()];
  const padParts: string[] = [];
  let capture: XmlNode[] | null = null;
  let captureDepth = -1;
  let captureRoot: XmlNode | null = null;
  let captureAt = '';
  let text = '';
  let failed: XmlSyntaxError | null = null;

  parser.on('error', () => {
    failed ??= new XmlSyntaxError(parser.line);
  });
  parser.on('opentag', (tag) => {
    const local = tag.local ?? tag.name;
    if (names.length === 0) handlers.root(local, tag.uri ?? '');
    const siblings = counters[counters.length - 1]!;
    const index = (siblings.get(local) ?? 0) + 1;
    siblings.set(local, index);
    names.push(local);
    counters.push(new Map());
    padParts.push(index > 1 ? `${local}[${index}]` : local);
    text = '';
    if (capture) {
      const node: XmlNode = { name: local, text: '', line: parser.line, children: [] };
      capture[capture.length - 1]!.children.push(node);
      capture.push(node);
    } else if (handlers.isPart(names.join('/'))) {
      captureRoot = { name: local, text: '', line: parser.line, children: [] };
      capture = [captureRoot];
      captureDepth = names.length;
      captureAt = padParts.join('/');
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    if (capture) {
      const node = capture.pop()!;
      if (node.children.length === 0) node.text = text.trim();
      if (names.length === captureDepth) {
        handlers.part({ node: captureRoot!, pad: captureAt });
        capture = null;
        captureRoot = null;
      }
    } else if (handlers.context && text.trim() !== '') handlers.context(names.join('/'), text.trim());
    text = '';
    names.pop();
    counters.pop();
    padParts.pop();
  });
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let at = 0; at < data.length && !failed; at += CHUNK) {
    parser.write(decoder.decode(data.subarray(at, at + CHUNK), { stream: true }));
  }
  if (!failed) parser.write(decoder.decode());
  if (!failed) parser.close();
  if (failed) throw failed;
}

/** The text at a child path (`Omvang/Volume`), or null when absent or empty. */
export function textAt(node: XmlNode, pad: string): string | null {
  let current: XmlNode | undefined = node;
  for (const name of pad.split('/')) {
    current = current.children.find((c) => c.name === name);
    if (!current) return null;
  }
  return current.text === '' ? null : current.text;
}

/** The children at a path (`ToegewezenProducten/ToegewezenProduct`), each with its path relative to `node`. */
export function nodesAt(node: XmlNode, pad: string): { node: XmlNode; pad: string }[] {
  const parts = pad.split('/');
  let level: { node: XmlNode; pad: string }[] = [{ node, pad: '' }];
  for (const name of parts) {
    const next: { node: XmlNode; pad: string }[] = [];
    for (const item of level) {
      const matches = item.node.children.filter((c) => c.name === name);
      matches.forEach((m, i) => next.push({ node: m, pad: `${item.pad}${item.pad ? '/' : ''}${name}${matches.length > 1 ? `[${i + 1}]` : ''}` }));
    }
    level = next;
  }
  return level;
}

/** Which element path a line of the document is on (for schema errors, which name only a line). */
export function pathAtLine(data: Buffer, line: number, elementName: string | null): string | null {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  const counters: Map<string, number>[] = [new Map()];
  let found: string | null = null;
  let fallback: string | null = null;
  parser.on('error', () => {});
  parser.on('opentag', (tag) => {
    const local = tag.local ?? tag.name;
    const siblings = counters[counters.length - 1]!;
    const index = (siblings.get(local) ?? 0) + 1;
    siblings.set(local, index);
    stack.push(index > 1 ? `${local}[${index}]` : local);
    counters.push(new Map());
    if (parser.line === line && found === null) {
      if (elementName === null || local === elementName) found = stack.join('/');
      else fallback ??= stack.join('/');
    }
  });
  parser.on('closetag', () => {
    stack.pop();
    counters.pop();
  });
  try {
    parser.write(data.toString('utf8')).close();
  } catch {
    // A document that is not well-formed still gives the path up to the error.
  }
  return found ?? fallback;
}
