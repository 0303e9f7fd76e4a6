/** `context.formatting` in en-US (the demo user's 1033 settings). */
const LOCALE = 'en-US';

export const formatting = {
  formatCurrency: (value: number, precision = 2, symbol = '$') =>
    `${symbol}${value.toLocaleString(LOCALE, { minimumFractionDigits: precision, maximumFractionDigits: precision })}`,
  formatDecimal: (value: number, precision = 2) =>
    value.toLocaleString(LOCALE, { minimumFractionDigits: precision, maximumFractionDigits: precision }),
  formatInteger: (value: number) => Math.round(value).toLocaleString(LOCALE),
  formatLanguage: () => 'English',
  formatDateShort: (value: Date, includeTime?: boolean) =>
    includeTime
      ? `${value.toLocaleDateString(LOCALE)} ${value.toLocaleTimeString(LOCALE, { hour: 'numeric', minute: '2-digit' })}`
      : value.toLocaleDateString(LOCALE),
  formatDateLong: (value: Date) =>
    value.toLocaleDateString(LOCALE, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
  formatDateLongAbbreviated: (value: Date) =>
    value.toLocaleDateString(LOCALE, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }),
  formatDateYearMonth: (value: Date) => value.toLocaleDateString(LOCALE, { year: 'numeric', month: 'long' }),
  formatTime: (value: Date) => value.toLocaleTimeString(LOCALE, { hour: 'numeric', minute: '2-digit' }),
  formatDateAsFilterStringInUTC: (value: Date) => value.toISOString().slice(0, 10),
  formatUserDateTimeToUTC: (value: Date) => value.getTime(),
  formatUTCDateTimeToUserDate: (value: number) => new Date(value),
  getWeekOfYear: (value: Date) => {
    const start = new Date(value.getFullYear(), 0, 1);
    return Math.ceil(((value.getTime() - start.getTime()) / 86_400_000 + start.getDay() + 1) / 7);
  },
  parseDateFromInput: (value: string) => new Date(value),
};
