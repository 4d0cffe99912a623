/** The commands, in their own module: the executable (bin.ts) names its code caches by them. */
export const COMMAND_NAMES = ["lint", "match", "format", "explain"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
