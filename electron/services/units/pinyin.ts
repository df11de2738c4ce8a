import { pinyin } from 'pinyin-pro';

/** 拼音首字母, e.g. 七贤街道 → "qxjd"; characters without pinyin are kept as they are. */
export function initialsOf(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

/** Full pinyin without spaces, e.g. 七贤街道 → "qixianjiedao". */
export function fullPinyinOf(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array' }).join('').toLowerCase();
}
