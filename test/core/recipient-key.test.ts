import { describe, expect, it } from 'vitest';
import { NO_RECIPIENT, recipientKeyOf } from '../../src/core/recipient-key.js';

describe('recipientKeyOf', () => {
  it('is NO_RECIPIENT only when name, phone and address are all unknown', () => {
    expect(recipientKeyOf('', '', '')).toBe(NO_RECIPIENT);
    expect(recipientKeyOf('张**', '', '')).not.toBe(NO_RECIPIENT);
    expect(recipientKeyOf('', '', '上海市')).not.toBe(NO_RECIPIENT);
  });

  it('is a whole number a double holds exactly', () => {
    const key = recipientKeyOf('张**', '138****1234', '上海市浦东新区***路1号');
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(key).toBeGreaterThan(0);
  });

  it('ignores whitespace and full-width forms, not the split between the parts', () => {
    const key = recipientKeyOf('张**', '138****1234', '上海市浦东新区***路1号');
    expect(recipientKeyOf(' 张 ** ', '１３８ **** １２３４', '上海市浦东新区 ***路1号\u3000')).toBe(key);
    expect(recipientKeyOf('张**138', '****1234', '上海市浦东新区***路1号')).not.toBe(key);
    expect(recipientKeyOf('李**', '138****1234', '上海市浦东新区***路1号')).not.toBe(key);
  });

  it('tells apart texts that differ only in where a part ends or in one unit', () => {
    // Units are hashed two at a time: a lone last unit must not pass for a pair, and a
    // part boundary must not move unnoticed.
    expect(recipientKeyOf('ab', 'c', '')).not.toBe(recipientKeyOf('a', 'bc', ''));
    expect(recipientKeyOf('张三', '', '路1号')).not.toBe(recipientKeyOf('张', '三', '路1号'));
    expect(recipientKeyOf('张三', '', '路1号')).not.toBe(recipientKeyOf('张三', '', '路2号'));
    expect(recipientKeyOf('张三', '', '路1号')).not.toBe(recipientKeyOf('三张', '', '路1号'));
  });

  it('gives a text that needs normalizing halfway through the key of its normal form', () => {
    expect(recipientKeyOf('张三', '13812345678', '上海市 浦东新区')).toBe(recipientKeyOf('张三', '13812345678', '上海市浦东新区'));
    expect(recipientKeyOf('张三', '1381234567８', '')).toBe(recipientKeyOf('张三', '13812345678', ''));
  });
});
