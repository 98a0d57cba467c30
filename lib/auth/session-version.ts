// Revocable sessions: a session cookie (a signed JWT) carries the user's session version as it was at sign-in
// (`sv`); "sign out everywhere" and a password change raise the version, so every older cookie is refused when it
// is read (./viewer.ts for API requests, ./options.ts's session callback for pages). Cookies made before versions
// existed carry none and count as version 0, the version every account starts with.

/** The session version a decoded session JWT carries. */
export const sessionVersionOf = (claims: { sv?: unknown }): number => (typeof claims.sv === 'number' ? claims.sv : 0);
