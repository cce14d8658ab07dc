// Counts typed into number fields, checked before Rust sees them.

/**
 * Whether `n` is a whole number of at least `least`. What a number field lets through
 * otherwise (empty, read as `null`; a negative; a fraction) Rust's unsigned whole numbers
 * cannot even take: the call would fail as a call, naming nothing, where a refusal here
 * says which field.
 */
export function isWhole(n: unknown, least = 1): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= least;
}
