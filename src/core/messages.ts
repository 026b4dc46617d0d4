// What each finding says to a merchant, in Chinese (default) and English, with a
// hint that says what to do. One entry per code; the checks never hold text.

import type { Finding, FindingCode } from './finding.js';

export type Lang = 'zh' | 'en';

type Args = Record<string, string | number>;
interface Text {
  message: (args: Args, value: string) => string;
  hint: (args: Args, value: string) => string;
}
type Entry = Record<Lang, Text>;

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

// The order that used a tracking number first, and its state when it is already shipped
// (a row the sheet skips, whose number is taken all the same).
const firstOrderZh = (a: Args): string => `订单 ${s(a.firstOrderId)}${a.firstStatus === undefined ? '' : `，${s(a.firstStatus)}`}`;
const firstOrderEn = (a: Args): string => `order ${s(a.firstOrderId)}${a.firstStatus === undefined ? '' : `, ${s(a.firstStatus)}`}`;

/**
 * 无物流发货: what the export shows for an order shipped without a parcel (virtual goods,
 * pick-up; the platform's code is selfdelivery, research/xhs-platform.md §1.2, §2). A
 * merchant who types it is not naming a carrier ship could learn: say what it means.
 */
function isNoLogistics(carrier: string | number | undefined): boolean {
  return /无物流|无需物流|不需要物流|^selfdelivery$/i.test(String(carrier ?? '').trim());
}

/** The no-logistics hint fits a row whose number fits no carrier (with one, the row needs that carrier's name). */
const saysNoLogistics = (a: Args): boolean => isNoLogistics(a.carrier) && !s(a.fits);

const NO_LOGISTICS = {
  zh: '「无物流发货」不是快递公司，ship 没有单号可以核对，不会把这单放进导入表：不需要快递的订单（虚拟商品、自提、送货上门）请在千帆后台按无物流方式发货；要发快递的订单请填快递公司名称',
  en: '"No logistics" (无物流发货) is no carrier: ship has no number to check and leaves the order out of the import sheet. Ship orders that need no parcel (virtual goods, pick-up, own delivery) as no-logistics in the 千帆 backend; for a parcel, fill in the carrier',
};

export const MESSAGES: Record<FindingCode, Entry> = {
  'status-not-pending': {
    zh: { message: (a) => `订单状态为「${s(a.status)}」，不是待发货订单，已跳过`, hint: () => '无需处理；只有待配货/待发货的订单会进入导入表' },
    en: { message: (a) => `Order status is "${s(a.status)}", not waiting for shipment: skipped`, hint: () => 'Nothing to do; only orders waiting for shipment (待配货) are imported' },
  },
  'summary-row': {
    zh: { message: () => '合计行，不是订单，已跳过', hint: () => '无需处理' },
    en: { message: () => 'Totals row (合计), not an order: skipped', hint: () => 'Nothing to do' },
  },
  'blank-row': {
    zh: { message: () => '这一行只有空格或看不见的字符，不是订单，已跳过', hint: () => '无需处理；也可以删掉这一行' },
    en: { message: () => 'The row holds only spaces or invisible characters, no order: skipped', hint: () => 'Nothing to do; the row can be deleted' },
  },
  'repeated-header': {
    zh: { message: () => '这一行是重复的表头（可能是两份导出拼在了一起），不是订单，已跳过', hint: () => '无需处理；也可以删掉这一行' },
    en: { message: () => 'This row repeats the header (perhaps two exports were pasted together), not an order: skipped', hint: () => 'Nothing to do; the row can be deleted' },
  },
  'missing-order-id': {
    zh: { message: () => '缺少订单号', hint: () => '从千帆重新导出，或补上以 P 开头的 19 位订单号' },
    en: { message: () => 'The order ID (订单号) is empty', hint: () => 'Export again from 千帆, or fill in the 19-character order ID starting with P' },
  },
  'order-id-format': {
    zh: { message: (_a, v) => `订单号「${v}」格式不对：小红书订单号是 P 加 18 位数字`, hint: () => '核对订单号是否被截断、多了空格或被 Excel 改写；建议直接从千帆复制' },
    en: { message: (_a, v) => `Order ID "${v}" is malformed: 小红书 order IDs are P followed by 18 digits`, hint: () => 'Check that the ID was not cut off or changed by Excel; copy it from 千帆' },
  },
  'missing-shipping-info': {
    zh: { message: () => '快递公司和快递单号都没有填写', hint: () => '填写快递公司和快递单号后重新校验；暂不发货的订单不会进入导入表，但会一直算作未通过' },
    en: { message: () => 'Neither carrier nor tracking number is filled in', hint: () => 'Fill in the carrier and the tracking number and run again; an order not shipping yet stays out of the import sheet but keeps counting as rejected' },
  },
  'missing-carrier': {
    zh: {
      message: () => '填写了快递单号，但没有填写快递公司',
      hint: (a) => (s(a.fits) ? `该单号符合${s(a.fits)}的格式，请确认后填写快递公司` : '请填写快递公司'),
    },
    en: {
      message: () => 'The tracking number has no carrier',
      hint: (a) => (s(a.fits) ? `The number fits the format of ${s(a.fits)}; confirm and fill in the carrier` : 'Fill in the carrier'),
    },
  },
  'missing-tracking-number': {
    zh: { message: (a) => `填写了快递公司「${s(a.carrier)}」，但没有填写快递单号`, hint: (a) => (saysNoLogistics(a) ? NO_LOGISTICS.zh : '补上快递单号，或从打单软件重新导出') },
    en: { message: (a) => `Carrier "${s(a.carrier)}" has no tracking number`, hint: (a) => (saysNoLogistics(a) ? NO_LOGISTICS.en : 'Fill in the tracking number, or export it again from the label-printing software') },
  },
  'unknown-carrier': {
    zh: {
      message: (a) => `不认识的快递公司「${s(a.carrier)}」`,
      hint: (a) =>
        saysNoLogistics(a)
          ? NO_LOGISTICS.zh
          : [
              s(a.suggestions) && `是不是${names(a.suggestions).map((name) => `「${name}」`).join('或')}？`,
              s(a.fits) && `该单号${fitsSuggested(a) ? '也' : ''}符合${s(a.fits)}的格式。`,
              '请改成 ship 认识的快递公司名称（运行 ship carriers 查看）',
            ].filter(Boolean).join(''),
    },
    en: {
      message: (a) => `Unknown carrier "${s(a.carrier)}"`,
      hint: (a) =>
        saysNoLogistics(a)
          ? NO_LOGISTICS.en
          : [
              s(a.suggestions) && `Did you mean ${names(a.suggestions).map((name) => `"${name}"`).join(' or ')}? `,
              s(a.fits) && `The number ${fitsSuggested(a) ? 'also ' : ''}fits ${s(a.fits)}. `,
              'Use a carrier name ship knows (run `ship carriers` to see them)',
            ].filter(Boolean).join(''),
    },
  },
  'tracking-number-cell': {
    zh: {
      message: (a) => `快递单号被存成了数字（${s(a.digits)} 位），开头的 0 可能已丢失`,
      hint: () => '请把该列设为「文本」格式；已按表中的数字读取，请核对开头是否少了 0',
    },
    en: {
      message: (a) => `The tracking number is stored as a number (${s(a.digits)} digits); leading zeros may be lost`,
      hint: () => 'Format the column as Text; the number was read as the sheet holds it: check that no leading 0 is missing',
    },
  },
  'tracking-number-damaged': {
    zh: { message: (a) => damagedText(a, 'zh'), hint: () => '把该列设为「文本」格式，然后重新粘贴或重新导出单号（不要从 Excel 里复制显示的值）' },
    en: { message: (a) => damagedText(a, 'en'), hint: () => 'Format the column as Text, then paste or export the numbers again (do not copy what Excel displays)' },
  },
  'tracking-scientific-notation': {
    zh: { message: (_a, v) => `快递单号是科学计数法「${v}」，真实单号已丢失`, hint: () => '把该列设为「文本」格式，从打单软件或原始文件重新粘贴单号' },
    en: { message: (_a, v) => `The tracking number is in scientific notation ("${v}"); the real number is lost`, hint: () => 'Format the column as Text and paste the numbers again from the label-printing software or the original file' },
  },
  'formula-like-value': {
    zh: { message: (_a, v) => `单元格以 = + - @ 开头（「${v}」），会被当成公式，不是快递公司或单号`, hint: () => '把这个单元格改成真实的快递公司名称或快递单号' },
    en: { message: (_a, v) => `The cell starts with = + - or @ ("${v}"), so it would be taken for a formula: it is no carrier or tracking number`, hint: () => 'Replace the cell with the real carrier name or tracking number' },
  },
  'formula-cell': {
    zh: { message: () => '单元格是公式，已使用公式上次计算的结果', hint: () => '建议复制后「选择性粘贴为数值」，避免结果变化' },
    en: { message: () => 'The cell holds a formula; its last computed result was used', hint: () => 'Copy and paste as values so the result cannot change' },
  },
  'error-cell': {
    zh: { message: (a) => `单元格是错误值 ${s(a.error)}`, hint: () => '修正公式或直接填写正确的值' },
    en: { message: (a) => `The cell holds the error value ${s(a.error)}`, hint: () => 'Fix the formula or type the right value' },
  },
  'tracking-invalid-characters': {
    zh: { message: (a) => `快递单号里有不该出现的字符：${s(a.characters)}`, hint: () => '快递单号只含字母、数字（个别含 -），请删除多余的字符' },
    en: { message: (a) => `The tracking number contains characters no carrier uses: ${s(a.characters)}`, hint: () => 'Tracking numbers are letters and digits (a few use -); remove the rest' },
  },
  'tracking-format': {
    zh: {
      message: (a, v) => `单号「${v}」不符合${s(a.carrier)}的单号格式`,
      hint: (a) =>
        s(a.fits)
          ? `该单号符合${s(a.fits)}的格式，请确认快递公司是否应为${firstFit(a)}`
          : s(a.retired)
            ? `单号像${s(a.retired)}的旧单号（${s(a.retiredFormatZh)}），${s(a.retired)}已不再使用这种单号；请对照面单核对单号是否抄错、少位或多位`
            : '请核对单号是否抄错、少位或多位',
    },
    en: {
      message: (a, v) => `"${v}" does not fit the tracking number format of ${s(a.carrier)}`,
      hint: (a) =>
        s(a.fits)
          ? `The number fits ${s(a.fits)}; check whether the carrier should be ${firstFit(a)}`
          : s(a.retired)
            ? `It looks like an old ${s(a.retired)} number (${s(a.retiredFormat)}), a format no longer issued; check the number against the waybill for typos and missing or extra digits`
            : 'Check the number for typos and missing or extra digits',
    },
  },
  'tracking-check-digit': {
    zh: {
      message: (a, v) => `单号「${v}」校验位不对，很可能抄错了一位（${s(a.owner)}：${s(a.formatZh)}）`,
      hint: (a) => (s(a.owner) === s(a.carrier) ? '对照面单逐位核对单号' : `这类单号按同一集团的${s(a.owner)}的规则校验；请对照面单逐位核对单号`),
    },
    en: {
      message: (a, v) => `The check digit of "${v}" is wrong: probably one digit is mistyped (${s(a.owner)}: ${s(a.format)})`,
      hint: (a) => (s(a.owner) === s(a.carrier) ? 'Compare the number with the label digit by digit' : `Numbers like this follow the rule of ${s(a.owner)}, of the same group; compare the number with the label digit by digit`),
    },
  },
  'tracking-package-barcode': {
    zh: {
      message: (a, v) => `「${v}」是${s(a.owner)}的包裹号，不是运单号`,
      hint: (a) => `请填写运单号「${s(a.waybill)}」${s(a.switchTo) && `，并把快递公司改为${s(a.switchTo)}`}`,
    },
    en: {
      message: (a, v) => `"${v}" is a ${s(a.owner)} package barcode, not a waybill number`,
      hint: (a) => `Use the waybill number "${s(a.waybill)}"${s(a.switchTo) && `, with ${s(a.switchTo)} as the carrier`}`,
    },
  },
  'tracking-legacy-format': {
    zh: {
      message: (a) => `单号是${s(a.carrier)}的旧格式（${s(a.formatZh)}）${rivalZh(a)}${a.zeroedDigits === undefined ? '' : `；第 15 位之后的 ${s(a.zeroedDigits)} 位都是 0，可能被 Excel 改过`}`,
      hint: (a) =>
        a.zeroedDigits !== undefined
          ? '对照面单核对单号；如果表格经过 Excel 另存，请把该列设为「文本」后重新粘贴单号'
          : !s(a.rival)
          ? '旧格式单号仍可能有效，请确认是刚打印的面单'
          : `${s(a.rivalPrefix) ? `${s(a.rival)}的单号是${s(a.rivalFormatZh)}；请核对快递公司和单号` : `请确认快递公司是否应为${s(a.rival)}`}；确实是${s(a.carrier)}的旧面单时可以忽略`,
    },
    en: {
      message: (a) =>
        `The number has an older ${s(a.carrier)} format (${s(a.format)})${rivalEn(a)}${a.zeroedDigits === undefined ? '' : `; its ${s(a.zeroedDigits)} digits after the 15th are all 0, as Excel leaves them`}`,
      hint: (a) =>
        a.zeroedDigits !== undefined
          ? 'Check the number against the label; if the sheet went through Excel, format the column as Text and paste the numbers again'
          : !s(a.rival)
          ? 'Older formats may still be valid; make sure it comes from a freshly printed label'
          : `${s(a.rivalPrefix) ? `${s(a.rival)} numbers are ${s(a.rivalFormat)}; check the carrier and the number` : `Check whether the carrier should be ${s(a.rival)}`}; ignore this if it really is an old ${s(a.carrier)} label`,
    },
  },
  'tracking-partner-format': {
    zh: { message: (a) => `单号是${s(a.partner)}的格式，填写的快递公司是${s(a.carrier)}`, hint: (a) => `两者同属一个集团，通常可以发货；如果平台报错，请把快递公司改为${s(a.partner)}` },
    en: { message: (a) => `The number has the ${s(a.partner)} format but the carrier is ${s(a.carrier)}`, hint: (a) => `They belong to one group and this usually works; if the platform refuses it, change the carrier to ${s(a.partner)}` },
  },
  'tracking-unverified-format': {
    zh: {
      message: (a) =>
        `${s(a.carrier)}没有公开的单号规则，无法校验单号格式` +
        (s(a.fits)
          ? `；这个单号符合${s(a.fits)}的格式`
          : s(a.checkOwner)
            ? `；单号像${s(a.checkOwner)}的单号（${s(a.checkFormatZh)}），但校验位对不上`
            : s(a.rivalPrefix)
              ? `；单号以 ${s(a.rivalPrefix)} 开头，像是${s(a.rival)}的单号，但${s(a.rival)}的单号是${s(a.rivalFormatZh)}`
              : ''),
      hint: (a) =>
        s(a.fits)
          ? `请确认快递公司是否应为${firstFit(a)}；确实是${s(a.carrier)}的单号时可以忽略`
          : s(a.checkOwner) || s(a.rivalPrefix)
            ? `请对照面单核对快递公司和单号；确实是${s(a.carrier)}的单号时可以忽略`
            : '请对照面单核对单号；确认无误可以忽略这条警告',
    },
    en: {
      message: (a) =>
        `${s(a.carrier)} has no published number format; the number was not checked` +
        (s(a.fits)
          ? `. It fits ${s(a.fits)}`
          : s(a.checkOwner)
            ? `. It has the shape of ${s(a.checkOwner)} numbers (${s(a.checkFormat)}), but its check digit is wrong`
            : s(a.rivalPrefix)
              ? `. It starts with ${s(a.rivalPrefix)}, as ${s(a.rival)} numbers do, but those are ${s(a.rivalFormat)}`
              : ''),
      hint: (a) =>
        s(a.fits)
          ? `Check whether the carrier should be ${firstFit(a)}; ignore this if it really is a ${s(a.carrier)} number`
          : s(a.checkOwner) || s(a.rivalPrefix)
            ? `Compare the carrier and the number with the label; ignore this if it really is a ${s(a.carrier)} number`
            : 'Check the number against the label; ignore this warning if it is right',
    },
  },
  'tracking-unspecific-format': {
    zh: {
      message: (a, v) =>
        (s(a.narrowFormatZh)
          ? `单号「${v}」符合${s(a.carrier)}的宽泛规则（${s(a.formatZh)}），但不在已知的号段里（${s(a.narrowFormatZh)}）`
          : `单号「${v}」符合${s(a.carrier)}的单号格式（${s(a.formatZh)}），但这个格式只规定位数，只能核对长度`) + alsoZh(a),
      hint: (a) =>
        s(a.rival)
          ? `${s(a.rivalPrefix) ? `${s(a.rival)}的单号是${s(a.rivalFormatZh)}；请核对快递公司和单号` : `请确认快递公司是否应为${s(a.rival)}`}；确实是${s(a.carrier)}的面单时可以忽略`
          : s(a.narrowFormatZh)
            ? `可能是新号段：请对照面单核对单号；确实是${s(a.carrier)}的面单时可以忽略`
            : `请对照面单确认单号没有抄错，快递公司确实是${s(a.carrier)}`,
    },
    en: {
      message: (a, v) =>
        (s(a.narrowFormat)
          ? `"${v}" fits the wider ${s(a.carrier)} rule (${s(a.format)}) but none of the prefixes seen on real numbers (${s(a.narrowFormat)})`
          : `"${v}" fits the ${s(a.carrier)} format (${s(a.format)}), but that format fixes only the length: only the length could be checked`) + alsoEn(a),
      hint: (a) =>
        s(a.rival)
          ? `${s(a.rivalPrefix) ? `${s(a.rival)} numbers are ${s(a.rivalFormat)}; check the carrier and the number` : `Check whether the carrier should be ${s(a.rival)}`}; ignore this if it really is a ${s(a.carrier)} label`
          : s(a.narrowFormat)
            ? `It may be a new prefix: check the number against the waybill; ignore this if it really is a ${s(a.carrier)} label`
            : `Check the number against the waybill, and that the carrier really is ${s(a.carrier)}`,
    },
  },
  'tracking-other-carrier': {
    zh: {
      message: (a, v) => `单号「${v}」是${s(a.fit)}的单号（${s(a.formatZh)}），填写的快递公司却是${s(a.carrier)}`,
      hint: (a) => `${s(a.carrier)}没有公开的单号规则，但这种单号只有${s(a.fit)}使用：请确认快递公司是否应为${s(a.fit)}，或单号是否填错了行`,
    },
    en: {
      message: (a, v) => `"${v}" fits ${s(a.fit)} (${s(a.format)}), a format no other carrier uses, but the carrier is ${s(a.carrier)}`,
      hint: (a) => `${s(a.carrier)} publishes no number format, but only ${s(a.fit)} issues numbers like this: check whether the carrier should be ${s(a.fit)}, or whether the number is on the wrong row`,
    },
  },
  'order-multiple-tracking-numbers': {
    zh: { message: (a) => `同一订单填了不同的快递单号（第 ${s(a.firstRow)} 行是「${s(a.first)}」）`, hint: () => '批量发货一个订单只能填一个单号；拆单发货请在千帆后台单独操作' },
    en: { message: (a) => `The order has different tracking numbers (row ${s(a.firstRow)} has "${s(a.first)}")`, hint: () => 'Batch shipping takes one number per order; ship split parcels in the 千帆 backend' },
  },
  'order-multiple-carriers': {
    zh: { message: (a) => `同一订单填了不同的快递公司（第 ${s(a.firstRow)} 行是「${s(a.first)}」）`, hint: () => '同一订单的各行请填写同一家快递公司' },
    en: { message: (a) => `The order has different carriers (row ${s(a.firstRow)} has "${s(a.first)}")`, hint: () => 'Use one carrier on every row of the order' },
  },
  'order-rejected-with-sibling': {
    zh: { message: (a) => `同一订单的第 ${s(a.rows)} 行有错误，整单没有放进导入表`, hint: () => '修正同一订单其他行的问题后重新校验' },
    en: { message: (a) => `Row ${s(a.rows)} of the same order has errors, so the whole order is left out of the import sheet`, hint: () => 'Fix the other rows of this order and run again' },
  },
  'duplicate-tracking-number': {
    zh: {
      message: (a) => `单号与第 ${s(a.firstRow)} 行重复${a.recipientKnown === 0 ? '' : '，且收件人不同'}（第 ${s(a.firstRow)} 行是${firstOrderZh(a)}）`,
      hint: (a) => (a.recipientKnown === 0 ? '表中没有收件人信息，无法确认是合并发货；请核对单号' : '一个包裹不能寄给两个收件人；请核对单号是否填错行'),
    },
    en: {
      message: (a) => `Same tracking number as row ${s(a.firstRow)}${a.recipientKnown === 0 ? '' : ', with a different recipient'} (row ${s(a.firstRow)} is ${firstOrderEn(a)})`,
      hint: (a) => (a.recipientKnown === 0 ? 'The sheet has no recipient columns, so a merged shipment cannot be confirmed; check the number' : 'One parcel cannot go to two recipients; check whether the number is on the wrong row'),
    },
  },
  'merged-shipment': {
    zh: {
      message: (a) => `与第 ${s(a.firstRow)} 行共用单号、收件人相同，按合并发货处理（第 ${s(a.firstRow)} 行是${firstOrderZh(a)}）`,
      hint: (a) => (a.firstStatus === undefined ? '确认这些订单确实装在同一个包裹里' : '那一单的包裹已经发出：确认这一单确实在那个包裹里；不是的话，填这一单自己的单号'),
    },
    en: {
      message: (a) => `Shares the tracking number and the recipient of row ${s(a.firstRow)}: treated as a merged shipment (row ${s(a.firstRow)} is ${firstOrderEn(a)})`,
      hint: (a) => (a.firstStatus === undefined ? 'Make sure these orders really are in one parcel' : "That order's parcel has already left: make sure this order was in it; if not, enter this order's own number"),
    },
  },
  'merged-cells': {
    zh: {
      message: (a) => `合并单元格 ${s(a.range)}：值只算在第一行，合并范围内的其他行读作空白`,
      hint: () => '取消合并，并在每一行填上该行自己的值（一个单号属于几个订单时，每个订单行都要填）',
    },
    en: {
      message: (a) => `Merged cells ${s(a.range)}: the value counts for the first row only; the other rows of the range read as empty`,
      hint: () => 'Unmerge the cells and fill in every row (a number shared by several orders goes on each of their rows)',
    },
  },
  'error-cell-ignored': {
    zh: { message: (a) => `单元格是错误值 ${s(a.error)}，已按空白处理`, hint: () => '该列只用于判断合并发货；修正公式或填写正确的值后再核对' },
    en: { message: (a) => `The cell holds the error value ${s(a.error)}; read as empty`, hint: () => 'The column only serves the merged-shipment check; fix the formula or type the value and check again' },
  },
  'ship-overdue': {
    zh: {
      message: (a) => `已超过发货时限 ${spanZh(a)}（${s(a.deadline)}，${deadlineSourceZh(a)}）`,
      hint: () => '尽快发出这一单；已超时的订单可能被判延迟发货，如有特殊原因请在千帆后台报备',
    },
    en: {
      message: (a) => `${spanEn(a)} past the ship-by time (${s(a.deadline)}, ${deadlineSourceEn(a)})`,
      hint: () => 'Ship this order as soon as you can; a late order may count as a late shipment: if there is a special reason, report it (报备) in the 千帆 backend',
    },
  },
  'ship-due-soon': {
    zh: { message: (a) => `距发货时限还剩 ${spanZh(a)}（${s(a.deadline)}，${deadlineSourceZh(a)}）`, hint: () => '请尽快发货并上传单号' },
    en: { message: (a) => `${spanEn(a)} left until the ship-by time (${s(a.deadline)}, ${deadlineSourceEn(a)})`, hint: () => 'Ship and upload the number soon' },
  },
  'presale-not-started': {
    zh: { message: (a) => `预售订单要到 ${s(a.start)} 才开始发货`, hint: () => '确认是否可以提前发货；不确定时等到预售开始发货时间再导入' },
    en: { message: (a) => `Presale order: shipping opens at ${s(a.start)}`, hint: () => 'Check whether early shipping is allowed; if unsure, import it once the presale shipping window opens' },
  },
  'after-sales-pending': {
    zh: {
      message: (a) => `订单有售后申请（${s(a.status)}），发货即视为拒绝买家的退款申请`,
      hint: () => '先在千帆处理售后再决定是否发货；不想导入这类订单可加 --skip-after-sales',
    },
    en: {
      message: (a) => `The order has an open after-sales request (${s(a.status)}); shipping it refuses the buyer's refund`,
      hint: () => 'Handle the request in 千帆 first; use --skip-after-sales to keep such orders out of the import sheet',
    },
  },
  'after-sales-skipped': {
    zh: { message: (a) => `订单有售后申请（${s(a.status)}），按 --skip-after-sales 跳过，没有放进导入表`, hint: () => '在千帆处理售后后，再单独发货' },
    en: { message: (a) => `Open after-sales request (${s(a.status)}): left out by --skip-after-sales`, hint: () => 'Handle the request in 千帆, then ship the order on its own' },
  },
};

/** The carrier names of a list arg (tracking-check.ts joins them with 、). */
function names(list: string | number | undefined): string[] {
  return s(list).split('、').filter((name) => name !== '');
}

/** The carrier the number fits is one of those suggested for an unknown name: its fit is said as "also". */
function fitsSuggested(a: Args): boolean {
  return names(a.suggestions).includes(firstFit(a));
}

/** The first of the carriers a number fits (tracking-check.ts joins them with 、, strongest first). */
function firstFit(a: Args): string {
  return s(a.fits).split('、')[0] ?? '';
}

/** Another carrier's claim on a number that fits a legacy format of the declared one. */
function rivalZh(a: Args): string {
  if (!s(a.rival)) return '';
  return s(a.rivalPrefix) ? `，但它以 ${s(a.rivalPrefix)} 开头，像是${s(a.rival)}的单号` : `，但它也符合${s(a.rival)}的格式（${s(a.rivalFormatZh)}）`;
}

function rivalEn(a: Args): string {
  if (!s(a.rival)) return '';
  return s(a.rivalPrefix) ? `, but it starts with ${s(a.rivalPrefix)}, as ${s(a.rival)} numbers do` : `, but it also fits ${s(a.rival)} (${s(a.rivalFormat)})`;
}

/** The same claim after a message that already says "but" (tracking-unspecific-format). */
function alsoZh(a: Args): string {
  if (!s(a.rival)) return '';
  return s(a.rivalPrefix) ? `；它以 ${s(a.rivalPrefix)} 开头，像是${s(a.rival)}的单号` : `；它也符合${s(a.rival)}的格式（${s(a.rivalFormatZh)}）`;
}

function alsoEn(a: Args): string {
  if (!s(a.rival)) return '';
  return s(a.rivalPrefix) ? `; it starts with ${s(a.rivalPrefix)}, as ${s(a.rival)} numbers do` : `; it also fits ${s(a.rival)} (${s(a.rivalFormat)})`;
}

/** How Excel destroyed a 快递单号 cell (cell-value.ts readCodeCell: the kind), in each language. */
const DAMAGED: Record<Lang, Record<string, string>> = {
  zh: {
    date: '读不出单号：单元格是日期格式（Excel 把它当成了日期）',
    decimal: '不是单号：单元格是带小数或负号的数字',
    rounded: '单号已被 Excel 损坏：按科学计数法（如 7.73277E+14）四舍五入后，后面的位数都变成了 0',
    'too-long': '单号已被 Excel 损坏：存成数字后，第 15 位以后都变成了 0',
  },
  en: {
    date: 'No number can be read: the tracking number cell is formatted as a date (Excel took it for one)',
    decimal: 'Not a tracking number: the cell holds a number with a fraction or a minus sign',
    rounded: 'Excel destroyed the number: rounded through scientific notation (like 7.73277E+14), its last digits became zeros',
    'too-long': 'Excel destroyed the number: stored as a number, every digit after the 15th became 0',
  },
};

function damagedText(a: Args, lang: Lang): string {
  return DAMAGED[lang][s(a.kind)] ?? DAMAGED[lang]['too-long']!;
}

/** How long until (or since) a deadline: hours, or minutes under an hour. */
function spanZh(a: Args): string {
  return Number(a.minutes) < 60 ? `${s(a.minutes)} 分钟` : `${s(a.hours)} 小时`;
}

function spanEn(a: Args): string {
  return Number(a.minutes) < 60 ? `${s(a.minutes)} min` : `${s(a.hours)} h`;
}

function deadlineSourceZh(a: Args): string {
  if (a.source === 'presale-start-plus-hours') return `按预售开始发货后 ${s(a.deadlineHours)} 小时估算`;
  return a.source === 'presale-end' ? '预售截止发货时间' : a.source === 'paid-plus-hours' ? `按支付后 ${s(a.deadlineHours)} 小时估算` : '承诺发货时间';
}

function deadlineSourceEn(a: Args): string {
  if (a.source === 'presale-start-plus-hours') return `estimated as presale start + ${s(a.deadlineHours)} h`;
  return a.source === 'presale-end' ? 'presale ship-by time' : a.source === 'paid-plus-hours' ? `estimated as payment + ${s(a.deadlineHours)} h` : 'promised ship-by time (承诺发货时间)';
}

export function renderMessage(found: Finding, lang: Lang): { message: string; hint: string } {
  const text = MESSAGES[found.code][lang];
  const value = found.value ?? '';
  return { message: text.message(found.args, value), hint: text.hint(found.args, value) };
}

export const SEVERITY_LABEL: Record<Lang, Record<Finding['severity'], string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

/** A short name per code for summaries and tables. */
export const CODE_TITLE: Record<FindingCode, Record<Lang, string>> = {
  'status-not-pending': { zh: '非待发货订单（跳过）', en: 'not waiting for shipment (skipped)' },
  'summary-row': { zh: '合计行（跳过）', en: 'totals row (skipped)' },
  'blank-row': { zh: '空白行（跳过）', en: 'blank row (skipped)' },
  'repeated-header': { zh: '重复的表头行（跳过）', en: 'header row again (skipped)' },
  'missing-order-id': { zh: '缺少订单号', en: 'order ID missing' },
  'order-id-format': { zh: '订单号格式不对', en: 'order ID malformed' },
  'missing-shipping-info': { zh: '未填写快递信息', en: 'no carrier and no number' },
  'missing-carrier': { zh: '缺少快递公司', en: 'carrier missing' },
  'missing-tracking-number': { zh: '缺少快递单号', en: 'tracking number missing' },
  'unknown-carrier': { zh: '不认识的快递公司', en: 'unknown carrier' },
  'tracking-number-cell': { zh: '单号存成了数字', en: 'tracking number stored as a number' },
  'tracking-number-damaged': { zh: '单号被 Excel 损坏', en: 'number destroyed by Excel' },
  'tracking-scientific-notation': { zh: '单号是科学计数法', en: 'number in scientific notation' },
  'formula-like-value': { zh: '以 = + - @ 开头', en: 'starts with = + - @' },
  'formula-cell': { zh: '公式单元格', en: 'formula cell' },
  'error-cell': { zh: '错误值单元格', en: 'error cell' },
  'tracking-invalid-characters': { zh: '单号含非法字符', en: 'illegal characters in number' },
  'tracking-format': { zh: '单号与快递公司不符', en: 'number does not fit carrier' },
  'tracking-check-digit': { zh: '单号校验位错误', en: 'check digit wrong' },
  'tracking-package-barcode': { zh: '填了包裹号而非运单号', en: 'package barcode, not waybill' },
  'tracking-legacy-format': { zh: '旧格式单号', en: 'older number format' },
  'tracking-partner-format': { zh: '同集团另一品牌的单号', en: 'number of a sister brand' },
  'tracking-unverified-format': { zh: '无法校验单号格式', en: 'format not verifiable' },
  'tracking-unspecific-format': { zh: '单号只能粗略校验', en: 'number only roughly checked' },
  'tracking-other-carrier': { zh: '单号属于另一家快递公司', en: "another carrier's number" },
  'order-multiple-tracking-numbers': { zh: '同一订单多个单号', en: 'several numbers on one order' },
  'order-multiple-carriers': { zh: '同一订单多个快递公司', en: 'several carriers on one order' },
  'order-rejected-with-sibling': { zh: '同订单其他行有错', en: 'another row of the order failed' },
  'duplicate-tracking-number': { zh: '单号重复', en: 'duplicate tracking number' },
  'merged-shipment': { zh: '合并发货（同收件人）', en: 'merged shipment (same recipient)' },
  'merged-cells': { zh: '合并单元格', en: 'merged cells' },
  'error-cell-ignored': { zh: '错误值单元格（收件人列）', en: 'error cell (recipient column)' },
  'ship-overdue': { zh: '已超过发货时限', en: 'past the ship-by time' },
  'ship-due-soon': { zh: '即将到发货时限', en: 'ship-by time close' },
  'presale-not-started': { zh: '预售未到发货时间', en: 'presale not open yet' },
  'after-sales-pending': { zh: '有售后申请', en: 'open after-sales request' },
  'after-sales-skipped': { zh: '有售后申请（跳过）', en: 'open after-sales request (skipped)' },
};
