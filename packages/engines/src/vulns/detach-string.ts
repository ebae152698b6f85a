/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a `slice` or a
 * regex capture of 13+ characters as a view of its parent string, so a 200-character title cut
 * from a 16 KB description keeps the 16 KB alive as long as the record lives: a streamed report
 * would then hold most of its text after all. Used where a record keeps a piece of a longer
 * string. (A JSON round trip builds a new string in any JavaScript engine.)
 */
export function detached(s: string): string;
export function detached(s: string | null): string | null;
export function detached(s: string | null): string | null {
  return s === null || s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
