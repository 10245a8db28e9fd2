/** Today in the page's local time zone, as [start, end) in ms: the day both the board and FullCalendar show. */
export function todayBounds(): { dayStart: number; dayEnd: number } {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return {
    dayStart: today.getTime(),
    dayEnd: new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime(),
  };
}
