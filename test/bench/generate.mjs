// Seeded inputs for the benchmark and the large-file tests: a 千帆-like pending-orders
// export of any size, as .xlsx (shared strings after the sheet, in the order Excel and
// WPS write them) or .csv (UTF-8 BOM, CRLF). The same size and column set always give
// the same rows, in both formats, and the generator knows what ship must answer:
// the returned meta holds the expected row and order counts.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { EXPORT_COLUMNS } from '../../fixtures/export-columns.mjs';
import { columnLetters, rng } from '../../fixtures/seeded.mjs';

/** Bump when the data changes, so cached inputs are regenerated. */
export const GENERATOR_VERSION = 3;

export const COLUMNS_13 = ['订单号', '订单状态', '订单类型', '收件人姓名', '收件人电话', '收件人地址', '省', '市', '区', 'SKU名称', 'SKU规格', '快递公司', '快递单号'];

/** '10k' → 10000, '1m' → 1000000, '2500' → 2500. */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(text).trim());
  if (!match) throw new Error(`not a size: ${text} (use e.g. 10k, 100k, 1m)`);
  const factor = { '': 1, k: 1e3, m: 1e6 }[match[2].toLowerCase()];
  return Math.round(Number(match[1]) * factor);
}

export function sizeLabel(rows) {
  if (rows >= 1e6 && rows % 1e6 === 0) return `${rows / 1e6}M`;
  if (rows >= 1e3 && rows % 1e3 === 0) return `${rows / 1e3}k`;
  return String(rows);
}


const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const PLACES = [
  ['广东省', '深圳市', '南山区'], ['上海', '上海市', '浦东新区'], ['北京', '北京市', '朝阳区'], ['浙江省', '杭州市', '西湖区'],
  ['四川省', '成都市', '武侯区'], ['江苏省', '南京市', '鼓楼区'], ['湖北省', '武汉市', '洪山区'], ['福建省', '厦门市', '思明区'],
  ['山东省', '青岛市', '崂山区'], ['陕西省', '西安市', '雁塔区'], ['湖南省', '长沙市', '岳麓区'], ['重庆', '重庆市', '渝北区'],
];
const STREETS = ['科技园南路', '世纪大道', '建国路', '文三路', '人民南路', '中山北路', '珞喻路', '环岛东路', '香港中路', '长安南路', '麓山南路', '金开大道'];
const SKUS = [['玫瑰精华面霜', '50ml'], ['氨基酸洁面乳', '120g'], ['真丝眼罩', '香槟色'], ['香薰蜡烛', '白茶'], ['羊毛围巾', '燕麦色'], ['手冲咖啡豆', '250g 中烘'], ['桂花乌龙茶', '礼盒装 6 袋'], ['竹纤维浴巾', '浅灰 70×140']];

// How merchants write each carrier, and numbers shaped like its current format
// (synthetic, unique within a file; the same shapes as fixtures/make-fixtures.mjs).
const CARRIERS = [
  { names: ['中通快递', '中通', '中通速递'], weight: 24, number: (r) => `${r.pick(['73', '75', '78'])}${r.digits(12)}` },
  { names: ['圆通速递', '圆通'], weight: 18, number: (r) => `YT${r.digits(13)}` },
  { names: ['韵达快递', '韵达'], weight: 16, number: (r) => `${r.pick(['31', '43', '46'])}${r.digits(13)}` },
  { names: ['申通快递'], weight: 10, number: (r) => `77${r.digits(13)}` },
  { names: ['顺丰速运', '顺丰'], weight: 10, number: (r) => `SF${r.pick(['134', '205', '323'])}${r.digits(10)}` },
  { names: ['极兔速递', '极兔'], weight: 10, number: (r) => `JT${r.digits(13)}` },
  { names: ['京东快递', '京东物流'], weight: 5, number: (r) => `JD00${r.digits(11)}` },
  { names: ['EMS'], weight: 3, number: (r) => emsNumber(r) },
  { names: ['邮政快递包裹'], weight: 2, number: (r) => `98${r.digits(11)}` },
  { names: ['德邦快递', '德邦'], weight: 2, number: (r) => `DPK${r.digits(12)}` },
];
const CARRIER_WEIGHT = CARRIERS.reduce((sum, c) => sum + c.weight, 0);

function s10CheckDigit(serial) {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 5 : r;
}
function emsNumber(r) {
  const serial = r.digits(8);
  return `11${serial}${s10CheckDigit(serial)}${r.digits(2)}`;
}

/**
 * What each order is. Errors make ship reject the whole order; `merged` is a warning
 * (imported); `not-pending` rows are skipped. About 3 % of orders are broken.
 */
const KINDS = [
  ['not-pending', 0.02],
  ['sf-under-zto', 0.005], // tracking-format
  ['check-digit', 0.005], // tracking-check-digit
  ['unknown-carrier', 0.005],
  ['missing-number', 0.005], // missing-tracking-number
  ['scientific', 0.005], // tracking-scientific-notation
  ['duplicate', 0.005], // duplicate-tracking-number (another recipient)
  ['merged', 0.003], // merged-shipment warning: same number, same recipient
];

/** The seeded random helpers the rows are drawn with. */
function randomSource(seed) {
  const random = rng(seed);
  return {
    random,
    pick: (list) => list[Math.floor(random() * list.length)],
    digits: (n) => {
      let out = '';
      for (let i = 0; i < n; i++) out += String(Math.floor(random() * 10));
      return out;
    },
  };
}

/**
 * The rows of the export, one order at a time, ending with the 合计 row. Each row is an
 * object keyed by column name; values are strings, or { n } for a number cell.
 */
function* orderRows(rowCount, seed) {
  const r = randomSource(seed);
  const used = new Set();
  const pool = []; // recent good orders a duplicate or merged order can reuse
  const uniqueNumber = (carrier) => {
    for (;;) {
      const number = carrier.number(r);
      if (!used.has(number)) {
        used.add(number);
        return number;
      }
    }
  };
  const pickCarrier = () => {
    let x = r.random() * CARRIER_WEIGHT;
    for (const c of CARRIERS) if ((x -= c.weight) < 0) return c;
    return CARRIERS[0];
  };
  const recipient = () => {
    const [province, city, district] = r.pick(PLACES);
    const street = r.pick(STREETS);
    return {
      name: `${r.pick(SURNAMES)}**`,
      phone: `1${r.pick(['38', '39', '58', '86', '77'])}****${r.digits(4)}`,
      address: `${province}${city}${district}${street}${1 + Math.floor(r.random() * 300)}号${1 + Math.floor(r.random() * 30)}栋${1 + Math.floor(r.random() * 6)}单元${r.digits(3)}室`,
      province,
      city,
      district,
    };
  };
  const shop = `P${r.digits(5)}`;
  let seq = 0;
  let emitted = 0;
  const dataRows = rowCount - 1; // the last row is 合计

  while (emitted < dataRows) {
    seq += 1;
    const id = `${shop}${String(seq).padStart(13, '0')}`;
    let x = r.random();
    let kind = 'good';
    for (const [name, p] of KINDS) if ((x -= p) < 0) { kind = name; break; }
    if ((kind === 'duplicate' || kind === 'merged') && pool.length === 0) kind = 'good';

    const skuRoll = r.random();
    const skus = Math.min(skuRoll < 0.75 ? 1 : skuRoll < 0.93 ? 2 : 3, dataRows - emitted);
    const onEveryRow = r.random() < 0.4;
    let who = recipient();
    const carrierSpec = pickCarrier();
    let carrier = r.pick(carrierSpec.names);
    let number;
    let status = '待配货';
    let expected = 'imported';
    switch (kind) {
      case 'good':
        number = uniqueNumber(carrierSpec);
        break;
      case 'not-pending':
        status = r.pick(['已发货未签收', '已取消', '已完成']);
        number = status === '已取消' ? '' : uniqueNumber(carrierSpec);
        if (number === '') carrier = '';
        expected = 'skipped';
        break;
      case 'sf-under-zto':
        carrier = '中通快递';
        number = uniqueNumber(CARRIERS[4]);
        expected = 'rejected';
        break;
      case 'check-digit': {
        carrier = 'EMS';
        const good = uniqueNumber(CARRIERS[7]);
        number = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
        expected = 'rejected';
        break;
      }
      case 'unknown-carrier':
        carrier = r.pick(['顺风快递', '中通快地', '韵达快运公司', '圆通物流']);
        number = uniqueNumber(carrierSpec);
        expected = 'rejected';
        break;
      case 'missing-number':
        number = '';
        expected = 'rejected';
        break;
      case 'scientific':
        carrier = '申通快递';
        number = `7.7${r.digits(4)}E+14`;
        expected = 'rejected';
        break;
      case 'duplicate':
      case 'merged': {
        const first = pool.splice(Math.floor(r.random() * pool.length), 1)[0];
        carrier = first.carrier;
        number = first.number;
        if (kind === 'merged') who = first.who;
        else if (who.name === first.who.name) who = { ...who, name: `${SURNAMES[(SURNAMES.indexOf(first.who.name[0]) + 1) % SURNAMES.length]}**` };
        expected = kind === 'merged' ? 'imported' : 'rejected';
        break;
      }
    }
    if (kind === 'good') {
      pool.push({ carrier, number, who });
      if (pool.length > 64) pool.shift();
    }
    const day = 20 + Math.floor(r.random() * 5);
    const rows = [];
    for (let i = 0; i < skus; i++) {
      const [sku, spec] = SKUS[(seq + i) % SKUS.length];
      const onThisRow = i === 0 || onEveryRow;
      rows.push({
        订单号: id,
        订单状态: status,
        订单类型: '现货订单',
        收件人姓名: who.name,
        收件人电话: who.phone,
        收件人地址: who.address,
        省: who.province,
        市: who.city,
        区: who.district,
        SKU名称: sku,
        SKU规格: spec,
        快递公司: onThisRow ? carrier : '',
        快递单号: onThisRow ? number : '',
        // Filled in the 75-column export only.
        SKU件数: { n: 1 + (i % 2) },
        '商品总价(元)': { n: 129 },
        '用户应付金额(元)': { n: 119 },
        '商家应收金额(元)（支付金额）': { n: 119 },
        支付方式: r.random() < 0.6 ? '微信' : '支付宝',
        支付时间: `2026-11-${day} ${String(8 + (seq % 12)).padStart(2, '0')}:${r.digits(1)}${r.digits(1)}:0${r.digits(1)}`,
        订单创建时间: `2026-11-${day} 08:00:00`,
        承诺发货时间: `2026-11-${day + 2} 23:59:59`,
        店铺名称: '山茶生活馆',
        用户编号: r.digits(10),
        商家编码: `SC-${r.digits(5)}`,
        商品ID: `64f${r.digits(9)}a${r.digits(8)}`,
        商品名称: sku,
        规格ID: `65a${r.digits(9)}b${r.digits(8)}`,
        售后状态: '-',
        是否为赠品: '否',
        物流方案名称: '标准快递',
        运费模版名称: '包邮模板',
        发货仓库: '杭州仓',
        用户备注: r.random() < 0.1 ? '请周末送货，谢谢！' : '',
      });
    }
    emitted += rows.length;
    yield { expected, rows };
  }
  yield { expected: 'skipped', summary: true, rows: [{ 订单状态: '合计', '商家应收金额(元)（支付金额）': { n: 119 * dataRows } }] };
}

const emptyMeta = () => ({ rows: { total: 0, imported: 0, rejected: 0, skipped: 0 }, orders: { imported: 0, rejected: 0 } });

/** The rows one by one, counting into `meta` what ship must report for them. */
function* tallied(rowCount, meta) {
  for (const order of orderRows(rowCount, SEED)) {
    yield* order.rows;
    meta.rows.total += order.rows.length;
    meta.rows[order.expected] += order.rows.length;
    if (order.expected !== 'skipped') meta.orders[order.expected] += 1;
  }
}

const SEED = 20261126;

function columnsFor(count) {
  if (count === 13) return COLUMNS_13;
  if (count === 75) return EXPORT_COLUMNS;
  throw new Error(`column sets are 13 and 75, not ${count}`);
}

// ---- CSV ----

const quoteCsv = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const cellText = (value) => (value === undefined ? '' : typeof value === 'object' ? String(value.n) : value);

async function writeCsv(path, rowCount, columns) {
  const meta = emptyMeta();
  function* chunks() {
    let buffer = `\ufeff${columns.map(quoteCsv).join(',')}\r\n`;
    for (const row of tallied(rowCount, meta)) {
      buffer += `${columns.map((c) => quoteCsv(cellText(row[c]))).join(',')}\r\n`;
      if (buffer.length > 1 << 16) {
        yield Buffer.from(buffer);
        buffer = '';
      }
    }
    yield Buffer.from(buffer);
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path));
  return meta;
}

// ---- XLSX ----

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');


const STATIC_PARTS = (sheetName) => [
  ['[Content_Types].xml', `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`],
  ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  ['xl/_rels/workbook.xml.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
  ['xl/styles.xml', `${XML_HEAD}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`],
];

/** Every text cell goes through the shared-string table, as Excel and WPS save them. */
async function writeXlsx(path, rowCount, columns) {
  const letters = columns.map((_, i) => columnLetters(i));
  const strings = new Map();
  let references = 0;
  const indexOf = (text) => {
    references += 1;
    let index = strings.get(text);
    if (index === undefined) strings.set(text, (index = strings.size));
    return index;
  };
  let rowNumber = 0;
  const rowXml = (values) => {
    rowNumber += 1;
    let xml = `<row r="${rowNumber}" spans="1:${columns.length}">`;
    values.forEach((value, i) => {
      if (value === undefined || value === '') return;
      const ref = `${letters[i]}${rowNumber}`;
      // Tracking numbers are text cells (the 快递单号 column is formatted as text).
      if (typeof value === 'object') xml += `<c r="${ref}"><v>${value.n}</v></c>`;
      else xml += `<c r="${ref}" s="${columns[i] === '快递单号' ? 1 : 0}" t="s"><v>${indexOf(value)}</v></c>`;
    });
    return `${xml}</row>`;
  };

  const meta = emptyMeta();
  function* sheetChunks() {
    let buffer = `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1:${letters.at(-1)}${rowCount + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${rowXml(columns)}`;
    for (const row of tallied(rowCount, meta)) {
      buffer += rowXml(columns.map((c) => row[c]));
      if (buffer.length > 1 << 16) {
        yield Buffer.from(buffer);
        buffer = '';
      }
    }
    yield Buffer.from(`${buffer}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  }
  function* sharedStringChunks() {
    yield Buffer.from(`${XML_HEAD}<sst xmlns="${NS}" count="${references}" uniqueCount="${strings.size}">`);
    let buffer = '';
    for (const text of strings.keys()) {
      buffer += /^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>` : `<si><t>${escapeXml(text)}</t></si>`;
      if (buffer.length > 1 << 16) {
        yield Buffer.from(buffer);
        buffer = '';
      }
    }
    yield Buffer.from(`${buffer}</sst>`);
  }

  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  const mtime = new Date(2026, 10, 26);
  for (const [name, xml] of STATIC_PARTS('包裹详情')) zip.addBuffer(Buffer.from(xml), name, { mtime });
  zip.addReadStream(Readable.from(sheetChunks(), { objectMode: false }), 'xl/worksheets/sheet1.xml', { mtime });
  // Excel's order: the shared strings come after the sheet, so a streaming reader cannot
  // resolve them while reading the sheet unless it seeks (ours does; exceljs spools).
  zip.addReadStreamLazy('xl/sharedStrings.xml', { mtime }, (cb) => cb(null, Readable.from(sharedStringChunks(), { objectMode: false })));
  zip.end();
  await finished(out);
  return { ...meta, sharedStrings: strings.size };
}

/**
 * Writes `<rows>` data rows (the last one the 合计 row) below a header, with 13 or 75
 * columns, and returns the counts ship must report.
 */
export async function generate({ path, rows, columns, format }) {
  const names = columnsFor(columns);
  if (format === 'csv') return writeCsv(path, rows, names);
  if (format === 'xlsx') return writeXlsx(path, rows, names);
  throw new Error(`format is xlsx or csv, not ${format}`);
}

/** The rows as the core sees them, for the in-memory core benchmark (13 columns, all text). */
export function sheetRows(rowCount) {
  const meta = emptyMeta();
  const rows = [];
  for (const row of tallied(rowCount, meta)) {
    rows.push({ row: rows.length + 2, cells: COLUMNS_13.map((c) => (row[c] === undefined || row[c] === '' ? undefined : { text: cellText(row[c]), type: 'string' })) });
  }
  return { header: COLUMNS_13, rows, meta };
}
