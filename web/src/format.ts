// Vietnamese formats: dates dd/mm/yyyy, times in Asia/Ho_Chi_Minh (UTC+7), money in đồng.

const TZ = 'Asia/Ho_Chi_Minh';

export function formatDate(iso: string): string {
  // "2026-11-23" or an RFC 3339 time.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return `${d}/${m}/${y}`;
  }
  return new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${time} ${formatDate(iso)}`;
}

export function formatMoney(dong: number): string {
  return new Intl.NumberFormat('vi-VN').format(dong) + ' đồng';
}

// Today's date in Vietnam as YYYY-MM-DD (for date inputs).
export function todayVn(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  return parts;
}

export function nowTimeVn(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(),
  );
}
