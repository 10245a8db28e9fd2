/**
 * The console's one way of writing a time of day, used by the board, the drawer, the jobs list and the
 * palette: 12-hour with AM/PM, as a US field-service dispatcher reads it ("9:00 AM"). Fixed rather than
 * taken from the browser's locale, so two screens (or two dispatchers) never show the same appointment
 * two ways. Built by hand: the board calls it for every block it draws.
 */

function meridiem(hours: number): 'AM' | 'PM' {
  return hours < 12 ? 'AM' : 'PM';
}

function hour12(hours: number): number {
  return hours % 12 === 0 ? 12 : hours % 12;
}

function hourAndMinute(date: Date): string {
  const minutes = date.getMinutes();
  return `${hour12(date.getHours())}:${minutes < 10 ? '0' : ''}${minutes}`;
}

/** "9:00 AM", "12:30 PM", in local time. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${hourAndMinute(date)} ${meridiem(date.getHours())}`;
}

/** "9:00–11:00 AM" when both ends share AM or PM, else "11:30 AM–1:00 PM": compact enough for a block. */
export function clockRange(start: number, end: number): string {
  const from = new Date(start);
  const to = new Date(end);
  const sameHalf = meridiem(from.getHours()) === meridiem(to.getHours()) && end - start < 12 * 3_600_000;
  return sameHalf ? `${hourAndMinute(from)}–${clockTime(end)}` : `${clockTime(start)}–${clockTime(end)}`;
}

/** An hour mark on the board's axis: "9 AM", "12 PM"; 0 and 24 are midnight, "12 AM". */
export function hourLabel(hour: number): string {
  const hours = hour % 24;
  return `${hour12(hours)} ${meridiem(hours)}`;
}
