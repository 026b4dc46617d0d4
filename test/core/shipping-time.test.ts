import { describe, expect, it } from 'vitest';
import { isPendingAfterSales, watchedTags } from '../../src/core/after-sales.js';
import { renderMessage } from '../../src/core/messages.js';
import { chinaTime, checkShippingTime, deadlineOf, type OrderTimes } from '../../src/core/shipping-time.js';

const china = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);
const times = (partial: Partial<OrderTimes>): OrderTimes => ({ presale: false, promisedAt: NaN, presaleStartAt: NaN, presaleEndAt: NaN, paidAt: NaN, ...partial });
const options = (now: string) => ({ now: new Date(china(now)), deadlineHours: 48, dueSoonHours: 12 });
const codes = (t: OrderTimes, now: string) => checkShippingTime(t, options(now), 2, 'P1').map((f) => f.code);

describe('ship-by deadlines', () => {
  it('warns when 承诺发货时间 has passed, saying by how much', () => {
    const [found] = checkShippingTime(times({ promisedAt: china('2026-11-25 23:59') }), options('2026-11-26 10:00'), 2, 'P1');
    expect(found?.code).toBe('ship-overdue');
    expect(found?.severity).toBe('warning');
    expect(found?.args.deadline).toBe('2026-11-25 23:59');
    expect(found?.args.hours).toBe(10);
  });

  it('notes an order due within the next 12 hours, and says nothing when there is time', () => {
    expect(codes(times({ promisedAt: china('2026-11-26 18:00') }), '2026-11-26 10:00')).toEqual(['ship-due-soon']);
    expect(codes(times({ promisedAt: china('2026-11-28 18:00') }), '2026-11-26 10:00')).toEqual([]);
  });

  it('falls back to 支付时间 + 48 hours only when the export gives no ship-by time', () => {
    expect(deadlineOf(times({ paidAt: china('2026-11-20 10:00') }), 48)).toEqual({ at: china('2026-11-22 10:00'), source: 'paid-plus-hours' });
    expect(deadlineOf(times({ paidAt: china('2026-11-20 10:00'), promisedAt: china('2026-11-30 10:00') }), 48)?.source).toBe('promised');
    expect(deadlineOf(times({}), 48)).toBeUndefined();
  });

  it('uses the presale end for a presale order, and warns before the presale start', () => {
    const presale = times({ presale: true, presaleStartAt: china('2026-12-01 00:00'), presaleEndAt: china('2026-12-10 00:00'), promisedAt: china('2026-11-20 00:00') });
    expect(deadlineOf(presale, 48)?.source).toBe('presale-end');
    expect(codes(presale, '2026-11-26 10:00')).toEqual(['presale-not-started']);
  });

  it('counts the estimate of a presale order without ship-by times from its start, not from a payment weeks before', () => {
    const presale = times({ presale: true, presaleStartAt: china('2026-12-01 00:00'), paidAt: china('2026-11-21 10:00') });
    expect(deadlineOf(presale, 48)).toEqual({ at: china('2026-12-03 00:00'), source: 'presale-start-plus-hours' });
    expect(codes(presale, '2026-11-24 09:00')).toEqual(['presale-not-started']);
    expect(codes(presale, '2026-12-03 01:00')).toEqual(['ship-overdue']);
    // Paid after the window opened: the payment starts the clock.
    expect(deadlineOf({ ...presale, paidAt: china('2026-12-02 00:00') }, 48)?.source).toBe('paid-plus-hours');
  });

  it('says minutes, not "0 hours", within an hour of the deadline', () => {
    const [soon] = checkShippingTime(times({ promisedAt: china('2026-11-26 10:03') }), options('2026-11-26 10:00'), 2, 'P1');
    expect(renderMessage(soon!, 'zh').message).toContain('还剩 3 分钟');
    expect(renderMessage(soon!, 'en').message).toMatch(/^3 min left/);
    const [late] = checkShippingTime(times({ promisedAt: china('2026-11-26 09:58') }), options('2026-11-26 10:00'), 2, 'P1');
    expect(renderMessage(late!, 'zh').message).toContain('已超过发货时限 2 分钟（');
    // Seconds away still read as a minute, and 57 minutes read the same on both sides.
    const [now] = checkShippingTime(times({ promisedAt: china('2026-11-26 10:00') + 20_000 }), options('2026-11-26 10:00'), 2, 'P1');
    expect(renderMessage(now!, 'zh').message).toContain('还剩 1 分钟');
    const before = checkShippingTime(times({ promisedAt: china('2026-11-26 10:57') }), options('2026-11-26 10:00'), 2, 'P1')[0]!;
    const after = checkShippingTime(times({ promisedAt: china('2026-11-26 09:03') }), options('2026-11-26 10:00'), 2, 'P1')[0]!;
    expect(renderMessage(before, 'zh').message).toContain('还剩 57 分钟');
    expect(renderMessage(after, 'zh').message).toContain('已超过发货时限 57 分钟（');
  });

  it('writes times the way the export does, in China time', () => {
    expect(chinaTime(Date.UTC(2026, 10, 26, 10, 0))).toBe('2026-11-26 18:00');
  });
});

describe('after-sales and order tags', () => {
  it('treats empty, "-" and finished requests as settled, anything else as pending', () => {
    for (const settled of ['', '-', '无售后', '售后完成', '售后关闭']) expect(isPendingAfterSales(settled), settled).toBe(false);
    for (const pending of ['售后处理中', '待商家审核', '平台介入中', '仅退款申请中']) expect(isPendingAfterSales(pending), pending).toBe(true);
  });

  it('finds the tags that matter for shipping in an 订单标记 cell', () => {
    expect(watchedTags('催发货,已改价')).toEqual(['催发货']);
    expect(watchedTags('缺货；协商发货')).toEqual(['缺货', '协商发货']);
    expect(watchedTags('')).toEqual([]);
  });
});
