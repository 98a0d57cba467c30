// How the demo preset's data is marked as generated: its reviewers' email domain, and the prefix of every text.
export const DEMO_EMAIL_DOMAIN = 'demo.cruxmap.invalid';
export const DEMO_MARK = '[Generated demo]';
