// Rich text's limits, shared by its schemas (validator.ts) and the forms' checks as you type: no zod here, for the
// reading page's script (issue 19: building the schemas lengthened the task that hydrates the page).
export const MAX_TEXT_CHARS = 20_000;
export const MAX_DEPTH = 20;
export const MAX_NODES = 5_000;
