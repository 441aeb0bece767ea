/** China's 10-digit HS code: chapter(2) heading(2) subheading(2) national(2) statistical(2). */
export const isHs10 = (code: string): boolean => /^\d{10}$/.test(code) && code.slice(0, 2) !== '00';
export const hsChapter = (code: string): string => code.slice(0, 2);
export const hs8 = (code: string): string => code.slice(0, 8);
