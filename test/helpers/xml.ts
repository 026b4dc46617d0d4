// A small XML parser for tests: enough of XML 1.0 to prove a document is well formed
// (one root, tags nested and closed, attributes quoted and unique, only the five
// predefined entities and character references, no characters XML cannot hold) and to
// read it back as a tree. It throws on anything else. No DTDs, CDATA or comments.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const BAD_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`"<" in text or attribute at ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated reference at ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref] ?? '';
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity &${ref}; at ${where}`);
    const ch = String.fromCodePoint(code);
    if (BAD_CHAR.test(ch)) throw new Error(`reference to a character XML cannot hold at ${where}`);
    return ch;
  });
}

export function parseXml(source: string): XmlElement {
  if (BAD_CHAR.test(source)) throw new Error('document contains a character XML cannot hold');
  let at = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(source);
  if (declaration) at = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const text = source.slice(at, lt < 0 ? source.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root at ${at}`);
    } else {
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text, at);
    }
    if (lt < 0) break;
    at = lt;
    if (source.startsWith('</', at)) {
      const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(source.slice(at));
      const open = stack.pop();
      if (!close || open?.name !== close[1]) throw new Error(`mismatched closing tag at ${at}`);
      at += close[0].length;
      continue;
    }
    const name = NAME.exec(source.slice(at + 1))?.[0];
    if (name === undefined) throw new Error(`bad tag at ${at}`);
    at += 1 + name.length;
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const rest = source.slice(at);
      const end = /^\s*(\/?)>/.exec(rest);
      if (end) {
        at += end[0].length;
        if (stack.length === 0 && root !== undefined) throw new Error('second root element');
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else root = element;
        if (end[1] !== '/') stack.push(element);
        break;
      }
      const attribute = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
      if (!attribute || attribute[1] === undefined) throw new Error(`bad attribute at ${at}`);
      if (attribute[1] in element.attributes) throw new Error(`duplicate attribute ${attribute[1]} at ${at}`);
      element.attributes[attribute[1]] = decode(attribute[3] ?? attribute[4] ?? '', at);
      at += attribute[0].length;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}
