// Where the reading page's header leaves room for the live layer (readers, connection notice): shared by the
// server-rendered header and the client component that fills it.
export const LIVE_SLOT_ID = 'live-slot';
