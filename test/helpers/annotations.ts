// Parses GitHub workflow commands (`::error file=a,line=3,title=t::message`) back,
// undoing the escaping, the way the Actions runner reads them.

export interface ParsedAnnotation {
  kind: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string) => unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));

export function parseAnnotation(line: string): ParsedAnnotation | undefined {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match || match[1] === undefined) return undefined;
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new Error(`property without "=": ${pair}`);
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { kind: match[1], properties, message: unescapeData(match[3] ?? '') };
}
