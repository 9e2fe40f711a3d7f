/** TraceQL (subset) for Tracescope: parser, AST and printer. Pure TS, shared by server and app. */
export * from './ast';
export { parseTraceQL, type ParseResult, type TraceQLError } from './parse';
export { printTraceQL, printLiteral, formatDurationLiteral } from './print';
export { parseDuration } from './lexer';
