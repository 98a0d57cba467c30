// The rule for a moderator-hidden claim's statement lives in lib/context/hidden-statement.ts, where the disagreement
// maps (which lib/annotations itself reads) can use it too; re-exported here for the annotation code.
export * from '../context/hidden-statement';
