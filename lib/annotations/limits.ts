// The annotation inputs' limits, shared by the API's schemas (schemas.ts) and the forms' checks as you type
// (input-checks.ts). No zod here: the reading page's script imports these, and building the API's schemas there
// lengthened the task that hydrates the page (issue 19).
export const STATEMENT_MAX = 500;
export const QUOTE_MAX = 20_000;
/** `GET …/claims?similar=`: the longest text compared, and the most suggestions returned */
export const SIMILAR_MAX = 500;
export const SIMILAR_LIMIT_MAX = 20;
