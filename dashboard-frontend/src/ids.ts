// Client ids (SK_ID_CURR) as text, end to end. JavaScript reads every JSON number as a double,
// which holds whole numbers exactly only up to 2^53: 9007199254740993 read as a number becomes
// 9007199254740992, another client. So the API writes every client id as a string, and the pages
// keep it as the text they were given or typed: never Number(id), never parseInt.

/** A client id as the server takes it in a path or a body: 1 to 19 digits. */
export const isClientId = (s: string): boolean => /^\d{1,19}$/.test(s);

/**
 * The JSON text of {@code body} with {@code field} set to the id: its exact digits as a JSON
 * number, which the intake reads as a 64-bit whole number without passing through a double; an
 * empty id as null and anything else as a string, which the server refuses naming the field.
 */
export function jsonWithId(body: Record<string, unknown>, field: string, id: string): string {
  const rest = JSON.stringify({ ...body, [field]: null });
  const value = id === '' ? 'null' : isClientId(id) ? id : JSON.stringify(id);
  // Put back in the place the null took: the key is escaped as JSON.stringify would.
  return rest.replace(`${JSON.stringify(field)}:null`, `${JSON.stringify(field)}:${value}`);
}
