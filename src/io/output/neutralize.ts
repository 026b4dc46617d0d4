// Values echoed from the input into a report must not run as formulas when a
// merchant opens or edits the report (OWASP: CSV/formula injection). Full-width
// forms count too: Chinese input methods produce them.

const FORMULA_TRIGGER = /^[=+\-@\t\r＝＋－＠]/;

export function neutralize(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}
