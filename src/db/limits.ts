/**
 * Largest value of a Postgres `integer` column (versions, levels, counts). Input schemas bound
 * integer ids and versions by it so an out-of-range number is a 400, not a failed query.
 */
export const PG_INTEGER_MAX = 2_147_483_647;
